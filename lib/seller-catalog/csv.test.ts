import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, CsvSyntaxError, parseCsv, unguardText } from './csv';
import { groupRows, parseHeader, parseRow, rowHandle } from './csv-format';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF, a BOM and a missing final newline', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"multi\nline",\n\nlast,1')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', ''],
      ['last', '1'],
    ]);
  });

  it('reports the record of a syntax error', () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a\nb\n"x"y\n');
    } catch (err) {
      expect(err).toMatchObject({ row: 3 });
    }
  });

  it('enforces the record and field limits', () => {
    expect(() => parseCsv('a\n1\n2\n3', { maxRecords: 3, maxFieldLength: 10 })).toThrow(/more than 2 data rows/);
    expect(() => parseCsv('a\n12345678901', { maxRecords: 10, maxFieldLength: 10 })).toThrow(/longer than 10/);
  });

  it('property: fields written with csvField read back unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        // A record of one empty field is a blank line, which the reader skips by design.
        const data = rows.filter((r) => !(r.length === 1 && r[0] === ''));
        const text = data.map((r) => csvLine(r.map((f) => csvField(f)))).join('');
        expect(parseCsv(text)).toEqual(data);
      }),
    );
  });

  it('guards text cells against formula injection and the import undoes the guard', () => {
    expect(csvField('=HYPERLINK("x")', { text: true })).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-5', { text: true })).toBe("'-5");
    expect(csvField('-5')).toBe('-5');
    expect(unguardText("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguardText("'plain")).toBe("'plain");
  });
});

describe('CSV rows', () => {
  const columns = 'handle,title,category,option1_name,option1_value,option2_name,option2_value,sku,price,compare_at_price,weight_grams,stock:main';
  const { header } = parseHeader(columns.split(','));
  const row = (s: string, n = 2) => parseRow(header, parseCsv(s)[0]!, n);

  it('rejects unknown, repeated and missing header columns on row 1', () => {
    const { errors } = parseHeader(['Handle', 'title', 'colour', 'title', 'price']);
    expect(errors).toEqual([
      { row: 1, column: 'colour', message: expect.stringMatching(/^Unknown column/) },
      { row: 1, column: 'title', message: 'This column appears twice.' },
      { row: 1, column: 'sku', message: 'This required column is missing.' },
    ]);
    expect(header.stockCodes).toEqual([{ index: 11, code: 'MAIN' }]);
  });

  it('parses a good row (prices to minor units, SKU upper-cased, stock per location)', () => {
    const r = row('trail-tee,Trail tee,gear/shoes,Size,M,Color,Red,tt-m-red,19.99,24.50,180,7');
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({
      handle: 'trail-tee',
      product: { title: 'Trail tee', category: 'gear/shoes' },
      options: [
        { name: 'Size', value: 'M' },
        { name: 'Color', value: 'Red' },
      ],
      sku: 'TT-M-RED',
      price: 1999,
      compareAtPrice: 2450,
      weightGrams: 180,
      stock: [{ code: 'MAIN', quantity: 7 }],
    });
  });

  it('reports every bad cell of a row by column', () => {
    const r = row('Bad Handle!,,,Size,,,,sku with space,12.345,5,-1,many', 9);
    expect(r.value).toBeUndefined();
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [9, 'handle'],
      [9, 'option1_value'],
      [9, 'sku'],
      [9, 'price'],
      [9, 'weight_grams'],
      [9, 'stock:MAIN'],
    ]);
    expect(row('x,T,c,,,,,S1,10.00,9.00,,').errors).toEqual([{ row: 2, column: 'compare_at_price', message: 'The compare-at price must be higher than the price.' }]);
    expect(row('x,T,c,,,,,S1,10.00').errors[0]).toMatchObject({ column: '(row)', message: expect.stringMatching(/has 9 fields but the header has 12/) });
  });

  it('groups rows by handle and fails a whole product for a bad row, a disagreement or a duplicate', () => {
    const lines = [
      'tee,Tee,c,Size,S,,,T-S,10,,,', // 2
      'tee,,,Size,M,,,T-M,10,,,', // 3
      'tee,Other title,,Size,L,,,T-L,10,,,', // 4: title disagrees
      'cap,Cap,c,,,,,C-1,5,,,', // 5
      'mug,Mug,c,Size,S,,,M-S,5,,,', // 6
      'mug,,,Size,S,,,M-S2,5,,,', // 7: same combination
      'bag,Bag,c,,,,,T-S,5,,,', // 8: SKU of row 2
      'hat,Hat,c,,,,,H-1,oops,,,', // 9: bad price
    ];
    const parsed = lines.map((l, i) => {
      const fields = parseCsv(l)[0]!;
      const r = parseRow(header, fields, i + 2);
      return { row: i + 2, handle: rowHandle(header, fields), value: r.value, errors: r.errors };
    });
    const { groups, orphanErrors } = groupRows(parsed);
    expect(orphanErrors).toEqual([]);
    const by = Object.fromEntries(groups.map((g) => [g.handle, g]));
    expect(by.tee).toMatchObject({ failed: true, rowNumbers: [2, 3, 4] });
    expect(by.tee!.errors).toEqual([{ row: 4, column: 'title', message: expect.stringMatching(/Differs from this product's earlier row/) }]);
    expect(by.cap).toMatchObject({ failed: false, product: { title: 'Cap' } });
    expect(by.mug!.errors).toEqual([{ row: 7, column: 'option1_value', message: 'This combination of option values appears twice for the product.' }]);
    expect(by.bag!.errors).toEqual([{ row: 8, column: 'sku', message: 'SKU T-S is also on row 2.' }]);
    expect(by.hat).toMatchObject({ failed: true });
    expect(by.hat!.errors[0]).toMatchObject({ row: 9, column: 'price' });
  });
});
