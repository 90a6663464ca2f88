/**
 * Deterministic, offline product imagery for the seed.
 *
 * Every picture is a small flat illustration composed as SVG in code (one short
 * function per shape), rendered by sharp (librsvg) and encoded to WebP. Output is a
 * pure function of (shape, colour, angle), so re-running the seed reuses the files.
 */
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export type ImageShape =
  | 'shoe' | 'shirt' | 'hoodie' | 'jacket' | 'bag' | 'hat' | 'watch' | 'headphones' | 'speaker' | 'keyboard'
  | 'mouse' | 'monitor' | 'phone-case' | 'charger' | 'pan' | 'mug' | 'knife' | 'lamp' | 'candle' | 'rug'
  | 'pillow' | 'sheet' | 'yoga-mat' | 'dumbbell' | 'tent' | 'backpack' | 'helmet' | 'bike-light' | 'bottle' | 'jar';

export const IMAGE_SIZE = 640; // square

export type ColorName = string; // e.g. 'Red'

export const PALETTE: Record<string, string> = {
  Black: '#2b2c30',
  White: '#f3f2ee',
  Grey: '#9a9da4',
  Navy: '#243459',
  Blue: '#3273d6',
  Red: '#d13f3f',
  Green: '#2f9a5c',
  Olive: '#6e7a3c',
  Beige: '#dac7a6',
  Pink: '#ee93b3',
  Orange: '#ef8a2f',
  Yellow: '#f1c93b',
  Purple: '#7c52c2',
  Teal: '#1f9c98',
};

// ---------------------------------------------------------------------------
// Colour handling

const PALETTE_NAMES = Object.keys(PALETTE);
const ALIASES: Record<string, string> = {
  gray: 'Grey', charcoal: 'Grey', silver: 'Grey', graphite: 'Black', slate: 'Grey',
  cream: 'Beige', ivory: 'White', tan: 'Beige', khaki: 'Beige', sand: 'Beige', natural: 'Beige', brown: 'Beige',
  burgundy: 'Red', maroon: 'Red', crimson: 'Red', coral: 'Orange', rose: 'Pink', blush: 'Pink',
  sky: 'Blue', cobalt: 'Blue', indigo: 'Navy', forest: 'Green', mint: 'Teal', sage: 'Olive',
  lavender: 'Purple', violet: 'Purple', mustard: 'Yellow', gold: 'Yellow',
};

function hash(s: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Resolves a colour name to a palette key (or a '#rrggbb' literal) deterministically. */
function resolveColor(color: string): { key: string; hex: string } {
  const raw = color.trim();
  if (/^#?[0-9a-f]{6}$/i.test(raw)) {
    const hex = `#${raw.replace('#', '').toLowerCase()}`;
    return { key: hex.slice(1), hex };
  }
  const lower = raw.toLowerCase();
  let key = PALETTE_NAMES.find((n) => n.toLowerCase() === lower);
  key ??= ALIASES[lower];
  key ??= PALETTE_NAMES.find((n) => new RegExp(`\\b${n}\\b`, 'i').test(raw));
  key ??= Object.entries(ALIASES).find(([a]) => new RegExp(`\\b${a}\\b`).test(lower))?.[1];
  key ??= PALETTE_NAMES[hash(lower) % PALETTE_NAMES.length] ?? 'Grey';
  return { key, hex: PALETTE[key] ?? '#9a9da4' };
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Linear mix of two hex colours, t = share of `b`. */
function mix(a: string, b: string, t: number): string {
  const x = rgb(a);
  const y = rgb(b);
  const c = x.map((v, i) => Math.round(v + ((y[i] ?? 0) - v) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** Tones available to the shape functions. */
interface Tones {
  c: string; // main product colour
  d: string; // shade
  dd: string; // deep shade
  l: string; // light tint
  o: string; // outline
  m: string; // metal
  md: string; // dark metal
  ink: string; // near-black detail
  hole: string; // openings / vents, visible against the body even when it is black
  w: string; // off-white detail
}

function tones(hex: string): Tones {
  const lum = luminance(hex);
  const dark = lum < 0.2;
  return {
    c: hex,
    d: dark ? mix(hex, '#ffffff', 0.14) : mix(hex, '#000000', lum > 0.85 ? 0.1 : 0.2),
    dd: dark ? mix(hex, '#000000', 0.35) : mix(hex, '#000000', lum > 0.85 ? 0.25 : 0.4),
    l: dark ? mix(hex, '#ffffff', 0.3) : mix(hex, '#ffffff', 0.35),
    o: dark ? '#141518' : mix(hex, '#1b1c20', lum > 0.85 ? 0.42 : 0.5),
    m: '#c9ccd2',
    md: '#878b93',
    ink: '#26272b',
    hole: dark ? '#5a5c63' : '#26272b',
    w: '#fbfaf7',
  };
}

// ---------------------------------------------------------------------------
// Shapes. Drawn in a 640x640 box, resting on a floor at y≈500, centred on x=320.
// The group has a default outline stroke; `S` turns it off for an element.

const S = 'stroke="none"';
const ring = (d: string, w: number, col: string, o: string) =>
  `<path d="${d}" fill="none" stroke="${o}" stroke-width="${w + 7}"/><path d="${d}" fill="none" stroke="${col}" stroke-width="${w}"/>`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

interface ShapeDef {
  /** half-width of the floor shadow */
  shadow: number;
  /** vertical nudge so the object rests on the floor */
  dy?: number;
  draw: (k: Tones) => string;
}

const SHAPES: Record<ImageShape, ShapeDef> = {
  shoe: {
    shadow: 230,
    draw: (k) => `
<path d="M112 446 L534 446 C546 466 536 494 506 496 L138 496 C114 494 104 468 112 446Z" fill="${k.w}"/>
<path d="M114 474 L540 474" stroke="#d8d6d0" stroke-width="4"/>
<path d="M120 448 C110 396 118 336 146 298 L240 288 C266 328 304 350 356 358 C436 370 504 390 528 428 L532 448Z" fill="${k.c}"/>
<path d="M146 298 C156 276 224 270 240 288 C232 318 198 330 154 322Z" fill="${k.dd}"/>
<path d="M444 376 C492 388 520 406 530 436 L532 448 L452 448 C440 426 436 398 444 376Z" fill="${k.l}"/>
<path d="M176 432 C260 436 340 420 420 392" fill="none" stroke="${k.l}" stroke-width="12" stroke-linecap="round"/>
<path d="M120 448 C112 410 114 380 124 350 C146 360 160 400 160 448Z" fill="${k.d}"/>
${range(5).map((i) => `<path d="M${246 + i * 24} ${326 + i * 11} l26 -20" stroke="${k.w}" stroke-width="6"/>`).join('')}`,
  },
  shirt: {
    shadow: 190,
    draw: (k) => `
<path d="M254 122 C278 154 362 154 386 122 L472 158 L530 252 L470 284 L446 252 L446 502 L194 502 L194 252 L170 284 L110 252 L168 158Z" fill="${k.c}"/>
<path d="M254 122 C278 154 362 154 386 122 C376 176 264 176 254 122Z" fill="${k.dd}"/>
<path d="M264 134 C286 164 354 164 376 134" fill="none" stroke="${k.d}" stroke-width="8"/>
<path d="M124 242 L180 272 M516 242 L460 272 M194 486 L446 486" fill="none" stroke="${k.d}" stroke-width="4"/>
<path d="M446 252 L446 330 M194 252 L194 330" stroke="${k.o}" stroke-width="2" opacity=".35"/>`,
  },
  hoodie: {
    shadow: 210,
    draw: (k) => `
<path d="M232 160 L408 160 L476 196 L530 440 L484 454 L446 306 L446 504 L194 504 L194 306 L156 454 L110 440 L164 196Z" fill="${k.c}"/>
<path d="M230 176 C214 108 264 80 320 80 C376 80 426 108 410 176 C380 206 260 206 230 176Z" fill="${k.c}"/>
<path d="M262 170 C258 126 288 108 320 108 C352 108 382 126 378 170 C352 188 288 188 262 170Z" fill="${k.dd}"/>
<path d="M232 380 L408 380 L432 470 L208 470Z" fill="${k.d}"/>
<path d="M194 480 L446 480 M114 426 L156 440 M526 426 L484 440" fill="none" stroke="${k.d}" stroke-width="10"/>
<path d="M298 184 L292 262 M342 184 L348 262" stroke="${k.w}" stroke-width="5"/>
<circle cx="292" cy="266" r="6" fill="${k.w}"/><circle cx="348" cy="266" r="6" fill="${k.w}"/>`,
  },
  jacket: {
    shadow: 210,
    draw: (k) => `
<path d="M236 140 L404 140 L476 182 L532 440 L484 454 L446 300 L446 504 L194 504 L194 300 L156 454 L108 440 L164 182Z" fill="${k.c}"/>
<path d="M248 132 L320 204 L392 132 L364 116 L320 150 L276 116Z" fill="${k.d}"/>
<path d="M276 116 L320 150 L364 116 C340 108 300 108 276 116Z" fill="${k.dd}"/>
<path d="M320 204 L320 502" stroke="${k.m}" stroke-width="5"/>
<path d="M232 372 L258 430 M408 372 L382 430 M194 486 L446 486 M114 424 L158 438 M526 424 L482 438" fill="none" stroke="${k.dd}" stroke-width="5"/>
<path d="M200 240 C230 250 260 250 290 238 M440 240 C410 250 380 250 350 238" fill="none" stroke="${k.d}" stroke-width="4"/>`,
  },
  bag: {
    shadow: 210,
    draw: (k) => `
${ring('M236 252 C236 132 404 132 404 252', 16, k.d, k.o)}
<path d="M166 244 L474 244 L506 498 L134 498Z" fill="${k.c}"/>
<path d="M166 244 L474 244 L462 336 C400 358 240 358 178 336Z" fill="${k.d}"/>
<path d="M148 470 L492 470" stroke="${k.dd}" stroke-width="3" stroke-dasharray="8 7"/>
<rect x="300" y="328" width="40" height="30" rx="6" fill="${k.m}"/>
<rect x="226" y="236" width="16" height="26" rx="4" fill="${k.m}"/><rect x="398" y="236" width="16" height="26" rx="4" fill="${k.m}"/>`,
  },
  hat: {
    shadow: 220,
    draw: (k) => `
<path d="M380 410 C450 392 540 396 584 430 C560 458 460 458 380 440Z" fill="${k.d}"/>
<path d="M110 420 C104 262 196 180 300 180 C408 180 470 262 460 420Z" fill="${k.c}"/>
<path d="M300 180 C270 240 260 330 262 420 M300 180 C350 240 384 330 392 420" fill="none" stroke="${k.d}" stroke-width="4"/>
<path d="M110 420 L460 420 L460 440 C360 452 210 452 112 440Z" fill="${k.dd}"/>
<ellipse cx="300" cy="182" rx="20" ry="9" fill="${k.d}"/>
${range(3).map((i) => `<circle cx="${180 + i * 30}" cy="${250 + i * 4}" r="5" fill="${k.dd}" stroke="none"/>`).join('')}`,
  },
  watch: {
    shadow: 130,
    draw: (k) => `
<path d="M268 96 L372 96 L362 250 L278 250Z" fill="${k.c}"/>
<path d="M278 390 L362 390 L372 504 L268 504Z" fill="${k.c}"/>
${range(4).map((i) => `<circle cx="320" cy="${426 + i * 20}" r="5" fill="${k.dd}"/>`).join('')}
<rect x="408" y="304" width="22" height="32" rx="5" fill="${k.m}"/>
<circle cx="320" cy="320" r="100" fill="${k.m}"/>
<circle cx="320" cy="320" r="86" fill="${k.ink}"/>
<circle cx="320" cy="320" r="74" fill="${k.w}" ${S}/>
${range(12).map((i) => `<path d="M320 254 v${i % 3 ? 7 : 14}" stroke="${k.ink}" stroke-width="${i % 3 ? 2 : 4}" transform="rotate(${i * 30} 320 320)"/>`).join('')}
<path d="M320 320 L320 270 M320 320 L360 338" stroke="${k.ink}" stroke-width="6"/>
<path d="M320 320 L288 284" stroke="#d13f3f" stroke-width="2"/><circle cx="320" cy="320" r="6" fill="${k.ink}"/>`,
  },
  headphones: {
    shadow: 200,
    draw: (k) => `
${ring('M184 340 C184 150 456 150 456 340', 26, k.c, k.o)}
<path d="M220 220 C260 178 380 178 420 220" fill="none" stroke="${k.d}" stroke-width="12"/>
<rect x="170" y="290" width="28" height="70" rx="8" fill="${k.m}"/><rect x="442" y="290" width="28" height="70" rx="8" fill="${k.m}"/>
<rect x="134" y="318" width="92" height="170" rx="42" fill="${k.c}"/><rect x="414" y="318" width="92" height="170" rx="42" fill="${k.c}"/>
<rect x="212" y="330" width="32" height="146" rx="16" fill="${k.dd}"/><rect x="396" y="330" width="32" height="146" rx="16" fill="${k.dd}"/>
<ellipse cx="174" cy="403" rx="24" ry="52" fill="${k.d}" ${S}/><ellipse cx="466" cy="403" rx="24" ry="52" fill="${k.d}" ${S}/>`,
  },
  speaker: {
    shadow: 150,
    draw: (k) => `
<rect x="206" y="118" width="228" height="384" rx="26" fill="${k.c}"/>
<rect x="218" y="130" width="204" height="360" rx="18" fill="none" stroke="${k.d}" stroke-width="4"/>
<circle cx="320" cy="206" r="40" fill="${k.dd}"/><circle cx="320" cy="206" r="18" fill="${k.ink}"/>
<circle cx="320" cy="370" r="92" fill="${k.dd}"/><circle cx="320" cy="370" r="66" fill="${k.ink}"/>
<circle cx="320" cy="370" r="24" fill="${k.d}"/><circle cx="306" cy="196" r="6" fill="#fff" opacity=".35" ${S}/>`,
  },
  keyboard: {
    shadow: 250,
    draw: (k) => `
<g transform="matrix(1 0 -0.32 0.62 112 334)">
<rect x="0" y="0" width="480" height="220" rx="18" fill="${k.dd}" transform="translate(0 22)"/>
<rect x="0" y="0" width="480" height="220" rx="18" fill="${k.c}"/>
${range(4).map((r) => range(13).map((i) => `<rect x="${18 + i * 35}" y="${16 + r * 40}" width="29" height="32" rx="6" fill="${k.l}" stroke-width="2"/>`).join('')).join('')}
<rect x="18" y="176" width="64" height="32" rx="6" fill="${k.l}" stroke-width="2"/><rect x="94" y="176" width="290" height="32" rx="6" fill="${k.l}" stroke-width="2"/><rect x="396" y="176" width="66" height="32" rx="6" fill="${k.l}" stroke-width="2"/>
</g>`,
  },
  mouse: {
    shadow: 130,
    draw: (k) => `
<path d="M320 130 C402 130 424 226 424 330 C424 446 384 504 320 504 C256 504 216 446 216 330 C216 226 238 130 320 130Z" fill="${k.c}"/>
<path d="M320 132 L320 272 M220 268 C280 292 360 292 420 268" fill="none" stroke="${k.d}" stroke-width="4"/>
<rect x="308" y="180" width="24" height="56" rx="12" fill="${k.dd}"/>
<path d="M226 330 C232 400 260 470 300 492" fill="none" stroke="${k.l}" stroke-width="10" opacity=".7"/>`,
  },
  monitor: {
    shadow: 230,
    draw: (k) => `
<path d="M292 390 L348 390 L358 478 L282 478Z" fill="${k.d}"/>
<rect x="220" y="470" width="200" height="26" rx="13" fill="${k.c}"/>
<rect x="100" y="120" width="440" height="276" rx="14" fill="${k.c}"/>
<rect x="114" y="134" width="412" height="236" rx="4" fill="#20283a"/>
<path d="M114 134 L300 134 L180 370 L114 370Z" fill="#fff" opacity=".07" ${S}/>
<path d="M114 300 C220 250 340 330 526 240 L526 370 L114 370Z" fill="${k.l}" opacity=".35" ${S}/>`,
  },
  'phone-case': {
    shadow: 140,
    draw: (k) => `
<g transform="rotate(-8 320 320)">
<rect x="426" y="196" width="10" height="56" rx="4" fill="${k.d}"/>
<rect x="212" y="100" width="216" height="420" rx="40" fill="${k.c}"/>
<rect x="232" y="120" width="102" height="102" rx="24" fill="${k.d}"/>
${[[260, 148], [306, 148], [260, 194]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="19" fill="${k.m}"/><circle cx="${x}" cy="${y}" r="12" fill="${k.ink}" ${S}/>`).join('')}
<circle cx="306" cy="194" r="8" fill="${k.w}"/>
<circle cx="320" cy="340" r="30" fill="none" stroke="${k.d}" stroke-width="6"/>
</g>`,
  },
  charger: {
    shadow: 200,
    draw: (k) => `
<rect x="276" y="130" width="16" height="64" rx="4" fill="${k.m}"/><rect x="348" y="130" width="16" height="64" rx="4" fill="${k.m}"/>
${ring('M320 360 C320 450 470 420 470 476 C470 512 330 500 246 496', 10, k.c, k.o)}
<rect x="200" y="482" width="56" height="28" rx="8" fill="${k.c}"/><rect x="182" y="488" width="20" height="16" rx="3" fill="${k.m}"/>
<rect x="232" y="186" width="176" height="180" rx="30" fill="${k.c}"/>
<rect x="300" y="332" width="40" height="12" rx="5" fill="${k.dd}"/>
<path d="M250 210 C250 200 258 200 270 200 L300 200" fill="none" stroke="#fff" stroke-width="6" opacity=".35"/>`,
  },
  pan: {
    shadow: 230,
    dy: 56,
    draw: (k) => `
<rect x="440" y="300" width="180" height="32" rx="16" fill="${k.ink}" transform="rotate(-14 440 316)"/>
<rect x="428" y="300" width="36" height="32" rx="6" fill="${k.m}" transform="rotate(-14 440 316)"/>
<path d="M84 326 L96 376 C120 470 440 470 464 376 L476 326Z" fill="${k.d}"/>
<ellipse cx="280" cy="326" rx="196" ry="116" fill="${k.c}"/>
<ellipse cx="280" cy="322" rx="174" ry="98" fill="#303136"/>
<ellipse cx="250" cy="300" rx="90" ry="40" fill="#fff" opacity=".06" ${S}/>`,
  },
  mug: {
    shadow: 190,
    draw: (k) => `
${ring('M420 262 C512 262 512 412 420 412', 28, k.c, k.o)}
<path d="M186 196 L436 196 L436 436 C436 478 406 500 366 500 L256 500 C216 500 186 478 186 436Z" fill="${k.c}"/>
<ellipse cx="311" cy="196" rx="125" ry="24" fill="${k.d}"/>
<ellipse cx="311" cy="198" rx="110" ry="17" fill="#5b3b24"/>
<rect x="212" y="230" width="20" height="214" rx="10" fill="#fff" opacity=".28" ${S}/>`,
  },
  knife: {
    shadow: 250,
    dy: 60,
    draw: (k) => `
<g transform="rotate(-18 320 360)">
<path d="M70 312 C190 304 300 300 410 298 L410 372 L280 372 C190 370 120 352 70 312Z" fill="${k.m}"/>
<path d="M90 322 C170 350 220 358 300 358 L410 358" fill="none" stroke="#eef0f3" stroke-width="6"/>
<rect x="404" y="290" width="24" height="86" rx="6" fill="${k.md}"/>
<path d="M426 300 L566 306 C590 310 594 344 572 350 L426 356Z" fill="${k.c}"/>
${[470, 510, 550].map((x) => `<circle cx="${x}" cy="328" r="7" fill="${k.m}"/>`).join('')}
</g>`,
  },
  lamp: {
    shadow: 130,
    draw: (k) => `
<ellipse cx="320" cy="300" rx="150" ry="16" fill="#ffe9a8" opacity=".7" ${S}/>
<rect x="312" y="290" width="16" height="170" fill="${k.m}"/>
<path d="M236 500 L404 500 C404 466 372 440 320 440 C268 440 236 466 236 500Z" fill="${k.c}"/>
<path d="M224 130 L416 130 L470 300 L170 300Z" fill="${k.c}"/>
<path d="M220 144 L420 144 M176 284 L464 284" stroke="${k.d}" stroke-width="6"/>
<path d="M250 140 L214 290" stroke="#fff" stroke-width="10" opacity=".25"/>`,
  },
  candle: {
    shadow: 150,
    draw: (k) => `
<path d="M320 164 C344 196 344 228 320 242 C296 228 296 196 320 164Z" fill="#f6b23d" ${S}/>
<path d="M320 196 C330 212 330 228 320 236 C310 228 310 212 320 196Z" fill="#fff3c0" ${S}/>
<path d="M320 246 L320 268" stroke="${k.ink}" stroke-width="4"/>
<rect x="212" y="252" width="216" height="250" rx="28" fill="${k.c}"/>
<ellipse cx="320" cy="268" rx="100" ry="16" fill="${mix(k.w, k.c, 0.15)}"/>
<rect x="212" y="340" width="216" height="96" fill="${k.w}"/>
<path d="M250 388 L390 388" stroke="${k.c}" stroke-width="6"/>
<rect x="232" y="290" width="16" height="190" rx="8" fill="#fff" opacity=".25" ${S}/>`,
  },
  rug: {
    shadow: 270,
    draw: (k) => `
${range(34).map((i) => `<path d="M${150 + i * 12} 290 l-3 -14 M${80 + i * 12} 470 l-3 18" stroke="${k.l}" stroke-width="3"/>`).join('')}
<path d="M150 290 L560 290 L490 470 L80 470Z" fill="${k.d}"/>
<path d="M178 306 L532 306 L476 454 L118 454Z" fill="${k.c}" stroke-width="0"/>
<path d="M196 318 L512 318 L464 442 L140 442Z" fill="none" stroke="${k.l}" stroke-width="5"/>
<path d="M330 330 L420 380 L310 430 L220 380Z" fill="${k.dd}"/>
<path d="M328 352 L374 380 L314 408 L266 380Z" fill="${k.l}"/>`,
  },
  pillow: {
    shadow: 200,
    draw: (k) => `
<path d="M150 168 C240 190 400 190 490 168 C466 250 466 400 490 484 C400 462 240 462 150 484 C174 400 174 250 150 168Z" fill="${k.c}"/>
<path d="M176 194 C250 212 390 212 464 194 C444 260 444 392 464 458 C390 440 250 440 176 458 C196 392 196 260 176 194Z" fill="none" stroke="${k.d}" stroke-width="3" stroke-dasharray="10 8"/>
<path d="M160 178 L300 310 M480 178 L340 310 M160 474 L300 340 M480 474 L340 340" stroke="${k.d}" stroke-width="3" opacity=".6"/>
<circle cx="320" cy="326" r="12" fill="${k.dd}"/>`,
  },
  sheet: {
    shadow: 220,
    draw: (k) => `
${[0, 1, 2].map((i) => {
  const y = 410 - i * 82;
  return `<path d="M${130 + i * 6} ${y} L${510 - i * 6} ${y} L${510 - i * 6} ${y + 82} L${130 + i * 6} ${y + 82}Z" fill="${k.c}"/>
<path d="M${134 + i * 6} ${y + 40} C200 ${y + 50} 440 ${y + 30} ${506 - i * 6} ${y + 42}" fill="none" stroke="${k.d}" stroke-width="4"/>`;
}).join('')}
<path d="M142 246 L498 246 L470 200 L170 200Z" fill="${k.l}"/>
<rect x="290" y="198" width="60" height="294" fill="${k.w}" opacity=".85"/>`,
  },
  'yoga-mat': {
    shadow: 250,
    draw: (k) => `
<path d="M500 496 L600 496 L600 466 L520 466Z" fill="${k.d}"/>
<path d="M120 340 L470 340 A54 78 0 0 1 470 496 L120 496 A54 78 0 0 1 120 340Z" fill="${k.c}"/>
<ellipse cx="470" cy="418" rx="54" ry="78" fill="${k.l}"/>
<path d="M470 418 m-6 0 a6 8 0 1 1 12 0 a14 20 0 1 1 -26 0 a24 34 0 1 1 44 0 a34 48 0 1 1 -62 0 a44 62 0 1 1 80 0" fill="none" stroke="${k.d}" stroke-width="4"/>
<rect x="200" y="336" width="20" height="164" rx="6" fill="${k.dd}"/><rect x="372" y="336" width="20" height="164" rx="6" fill="${k.dd}"/>
<path d="M140 360 L440 360" stroke="#fff" stroke-width="10" opacity=".25"/>`,
  },
  dumbbell: {
    shadow: 240,
    draw: (k) => `
<rect x="190" y="312" width="260" height="34" rx="8" fill="${k.m}"/>
${range(9).map((i) => `<path d="M${262 + i * 14} 316 v26" stroke="${k.md}" stroke-width="2"/>`).join('')}
<path d="M100 276 L130 236 L190 236 L220 276 L220 382 L190 422 L130 422 L100 382Z" fill="${k.c}"/>
<path d="M420 276 L450 236 L510 236 L540 276 L540 382 L510 422 L450 422 L420 382Z" fill="${k.c}"/>
<path d="M130 236 L130 422 M190 236 L190 422 M450 236 L450 422 M510 236 L510 422" stroke="${k.d}" stroke-width="3"/>
<rect x="210" y="296" width="18" height="66" rx="4" fill="${k.md}"/><rect x="412" y="296" width="18" height="66" rx="4" fill="${k.md}"/>`,
  },
  tent: {
    shadow: 270,
    draw: (k) => `
<path d="M300 150 L520 186 L596 470 L430 496Z" fill="${k.d}"/>
<path d="M300 150 L90 496 L430 496Z" fill="${k.c}"/>
<path d="M290 250 L200 496 L356 496Z" fill="${k.dd}"/>
<path d="M290 250 L356 496 L396 470Z" fill="${k.l}"/>
<path d="M300 150 L520 186" stroke="${k.o}" stroke-width="6"/>
<path d="M300 150 L58 500 M520 186 L620 496" stroke="${k.md}" stroke-width="2"/>`,
  },
  backpack: {
    shadow: 180,
    draw: (k) => `
${ring('M290 150 C290 110 350 110 350 150', 10, k.dd, k.o)}
<rect x="168" y="220" width="40" height="230" rx="18" fill="${k.d}"/><rect x="432" y="220" width="40" height="230" rx="18" fill="${k.d}"/>
<path d="M196 190 C196 136 444 136 444 190 L454 468 C454 490 438 502 416 502 L224 502 C202 502 186 490 186 468Z" fill="${k.c}"/>
<path d="M214 234 C260 184 380 184 426 234" fill="none" stroke="${k.dd}" stroke-width="4"/>
<path d="M228 352 L412 352 L420 470 C420 480 412 486 402 486 L238 486 C228 486 220 480 220 470Z" fill="${k.d}"/>
<path d="M234 376 L406 376" stroke="${k.dd}" stroke-width="4"/>
<rect x="380" y="366" width="12" height="28" rx="3" fill="${k.m}"/><rect x="258" y="204" width="12" height="28" rx="3" fill="${k.m}" transform="rotate(-30 264 218)"/>`,
  },
  helmet: {
    shadow: 230,
    draw: (k) => `
<path d="M220 408 L286 488 L350 408" fill="none" stroke="${k.ink}" stroke-width="6"/>
<rect x="272" y="472" width="28" height="22" rx="4" fill="${k.ink}"/>
<path d="M116 408 C112 254 224 170 348 170 C466 170 540 250 528 370 C524 396 500 408 470 408Z" fill="${k.c}"/>
<path d="M116 408 L470 408 C500 408 524 396 528 370 C500 426 180 440 118 426Z" fill="${k.dd}"/>
${['M190 300 C220 240 270 212 320 206', 'M230 330 C270 270 330 244 390 244', 'M300 332 C340 292 400 278 450 286', 'M380 202 C420 206 460 224 488 250'].map((d) => `<path d="${d}" fill="none" stroke="${k.hole}" stroke-width="18"/>`).join('')}
<path d="M478 330 C522 326 560 340 576 360 L528 376 C516 358 500 350 478 350Z" fill="${k.ink}"/>`,
  },
  'bike-light': {
    shadow: 200,
    dy: 30,
    draw: (k) => `
<path d="M462 270 L630 200 L630 420 L462 350Z" fill="#fff4c2" opacity=".55" ${S}/>
<path d="M462 290 L630 250 L630 370 L462 330Z" fill="#fff4c2" opacity=".7" ${S}/>
${ring('M262 420 C262 480 378 480 378 420', 14, k.ink, '#000')}
<rect x="286" y="372" width="68" height="52" rx="8" fill="${k.ink}"/>
<rect x="160" y="236" width="294" height="150" rx="62" fill="${k.c}"/>
<ellipse cx="446" cy="311" rx="32" ry="72" fill="${k.m}"/>
<ellipse cx="446" cy="311" rx="22" ry="58" fill="#fff8da"/>
<circle cx="270" cy="240" r="14" fill="${k.dd}"/>
<path d="M190 270 L400 270" stroke="#fff" stroke-width="10" opacity=".25"/>`,
  },
  bottle: {
    shadow: 140,
    draw: (k) => `
${ring('M296 118 C296 80 344 80 344 118', 10, k.dd, k.o)}
<rect x="268" y="112" width="104" height="68" rx="14" fill="${k.dd}"/>
<path d="M244 206 C244 184 262 172 286 172 L354 172 C378 172 396 184 396 206 L396 476 C396 494 384 504 366 504 L274 504 C256 504 244 494 244 476Z" fill="${k.c}"/>
<rect x="244" y="310" width="152" height="100" fill="${k.d}"/>
<rect x="262" y="214" width="16" height="270" rx="8" fill="#fff" opacity=".28" ${S}/>`,
  },
  jar: {
    shadow: 170,
    draw: (k) => `
<path d="M222 214 L418 214 C436 214 444 236 444 256 L444 462 C444 488 426 502 400 502 L240 502 C214 502 196 488 196 462 L196 256 C196 236 204 214 222 214Z" fill="${k.l}"/>
<rect x="196" y="330" width="248" height="104" fill="${k.w}"/>
<ellipse cx="320" cy="382" rx="44" ry="26" fill="none" stroke="${k.c}" stroke-width="6"/>
<rect x="220" y="152" width="200" height="66" rx="12" fill="${k.c}"/>
${range(7).map((i) => `<path d="M${244 + i * 25} 158 v54" stroke="${k.d}" stroke-width="3"/>`).join('')}
<rect x="214" y="240" width="16" height="240" rx="8" fill="#fff" opacity=".35" ${S}/>`,
  },
};

// ---------------------------------------------------------------------------
// Composition

/** Pure: the SVG markup for the image (exported for tests). */
export function productSvg(shape: ImageShape, color: string, angle: 0 | 1): string {
  const def = SHAPES[shape];
  const { hex } = resolveColor(color);
  const k = tones(hex);
  const light = luminance(hex) > 0.8;
  const s = IMAGE_SIZE;

  // angle 0: warm neutral sweep; angle 1: backdrop tinted by the product colour with a
  // visible floor plane, object mirrored and brought slightly closer.
  const base = light ? '#e2e0db' : '#f6f5f2';
  const top = angle === 0 ? (light ? '#ebe9e4' : '#fbfaf8') : mix(light ? '#dfe3e8' : '#f4f6f9', hex, light ? 0 : 0.1);
  const bottom = angle === 0 ? mix(base, '#000', 0.06) : mix(top, '#000', 0.08);
  const floor = angle === 1
    ? `<rect y="470" width="${s}" height="${s - 470}" fill="${mix(top, '#000', 0.05)}"/><rect y="466" width="${s}" height="8" fill="url(#hz)"/>`
    : '';
  const zoom = angle === 1 ? 1.1 : 1;
  const tf = angle === 1 ? ` transform="translate(320 500) scale(${-zoom} ${zoom}) translate(-320 -500)"` : '';

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>
<linearGradient id="hz" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".05"/></linearGradient>
<radialGradient id="sh"><stop offset="0" stop-color="#000" stop-opacity=".28"/><stop offset=".6" stop-color="#000" stop-opacity=".1"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
</defs>
<rect width="${s}" height="${s}" fill="url(#bg)"/>${floor}
<ellipse cx="320" cy="502" rx="${Math.round(def.shadow * zoom)}" ry="${Math.round(24 * zoom)}" fill="url(#sh)"/>
<g${tf}><g${def.dy ? ` transform="translate(0 ${def.dy})"` : ''} stroke="${k.o}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round">${def.draw(k)}</g></g>
</svg>`;
}

// ---------------------------------------------------------------------------
// Files

const pending = new Map<string, Promise<{ url: string; width: number; height: number }>>();

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}

/** Returns the public URL path, e.g. '/media/products/shoe-red-0.webp'; writes <mediaDir>/products/shoe-red-0.webp once (skips if the file exists). */
export async function ensureProductImage(
  mediaDir: string,
  shape: ImageShape,
  color: string,
  angle: 0 | 1,
): Promise<{ url: string; width: number; height: number }> {
  const name = `${shape}-${slug(resolveColor(color).key)}-${angle}.webp`;
  const dir = path.join(mediaDir, 'products');
  const file = path.join(dir, name);
  const result = { url: `/media/products/${name}`, width: IMAGE_SIZE, height: IMAGE_SIZE };

  const inFlight = pending.get(file);
  if (inFlight) return inFlight;
  const job = (async () => {
    if (await exists(file)) return result;
    await mkdir(dir, { recursive: true });
    const buf = await sharp(Buffer.from(productSvg(shape, color, angle)))
      .webp({ quality: 80, effort: 0 })
      .toBuffer();
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(tmp, buf);
      await rename(tmp, file); // atomic on the same filesystem; last writer wins with identical bytes
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
    return result;
  })();
  pending.set(file, job);
  try {
    return await job;
  } finally {
    pending.delete(file);
  }
}
