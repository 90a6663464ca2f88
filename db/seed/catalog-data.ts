import type { ImageShape } from './images';

/** One leaf category's recipe: what its products are called, cost, weigh and vary by. */
export type Leaf = {
  name: string;
  slug: string;
  shape: ImageShape;
  nouns: string[];
  brands: string[];
  price: [number, number]; // whole currency units
  weight: number; // grams
  options: Record<string, string[]>;
  tags: string[];
};
export type Department = { name: string; slug: string; categories: { name: string; slug: string; leaves: Leaf[] }[] };

const COLORS = ['Black', 'White', 'Grey', 'Navy', 'Red', 'Green', 'Olive', 'Beige', 'Pink', 'Blue', 'Teal', 'Orange'];
const SHOE_SIZES = ['6', '7', '8', '9', '10', '11', '12'];
const APPAREL_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

const leaf = (
  name: string,
  shape: ImageShape,
  nouns: string[],
  brands: string[],
  price: [number, number],
  weight: number,
  options: Record<string, string[]>,
  tags: string[],
): Leaf => ({ name, slug: slugify(name), shape, nouns, brands, price, weight, options, tags });

export function slugify(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const departments: Department[] = [
  {
    name: 'Fashion',
    slug: 'fashion',
    categories: [
      {
        name: 'Shoes',
        slug: 'shoes',
        leaves: [
          leaf('Running Shoes', 'shoe', ['Running Shoe', 'Trail Runner', 'Road Runner', 'Racing Flat'], ['Stride', 'Fleetfoot', 'Apex'], [59, 189], 620, { Size: SHOE_SIZES, Color: COLORS.slice(0, 6) }, ['running', 'shoes', 'sneakers', 'athletic']),
          leaf('Sneakers', 'shoe', ['Court Sneaker', 'Low-Top Sneaker', 'High-Top Sneaker', 'Canvas Sneaker'], ['Northwind', 'Apex', 'Urbanite'], [45, 140], 700, { Size: SHOE_SIZES, Color: COLORS.slice(0, 8) }, ['sneakers', 'shoes', 'casual']),
          leaf('Boots', 'shoe', ['Chelsea Boot', 'Hiking Boot', 'Work Boot', 'Rain Boot'], ['Timberline', 'Northwind', 'Summit'], [79, 260], 1200, { Size: SHOE_SIZES, Color: ['Black', 'Beige', 'Olive'] }, ['boots', 'shoes', 'winter']),
        ],
      },
      {
        name: 'Clothing',
        slug: 'clothing',
        leaves: [
          leaf('T-Shirts', 'shirt', ['Crew Tee', 'V-Neck Tee', 'Pocket Tee', 'Organic Cotton T-Shirt'], ['Loom & Co', 'Basics Lab', 'Urbanite'], [15, 45], 180, { Size: APPAREL_SIZES, Color: COLORS }, ['t-shirt', 'tee', 'cotton']),
          leaf('Hoodies', 'hoodie', ['Pullover Hoodie', 'Zip Hoodie', 'Fleece Hoodie'], ['Loom & Co', 'Northwind', 'Stride'], [39, 99], 520, { Size: APPAREL_SIZES, Color: COLORS.slice(0, 7) }, ['hoodie', 'sweatshirt', 'fleece']),
          leaf('Jackets', 'jacket', ['Rain Jacket', 'Puffer Jacket', 'Denim Jacket', 'Windbreaker'], ['Summit', 'Timberline', 'Northwind'], [69, 320], 800, { Size: APPAREL_SIZES.slice(1), Color: ['Black', 'Navy', 'Olive', 'Red', 'Beige'] }, ['jacket', 'outerwear', 'coat']),
        ],
      },
      {
        name: 'Accessories',
        slug: 'accessories',
        leaves: [
          leaf('Bags', 'bag', ['Tote Bag', 'Crossbody Bag', 'Weekender Bag', 'Messenger Bag'], ['Carryall', 'Loom & Co'], [29, 210], 650, { Color: ['Black', 'Beige', 'Navy', 'Olive', 'Pink'] }, ['bag', 'tote', 'leather']),
          leaf('Hats', 'hat', ['Baseball Cap', 'Beanie', 'Bucket Hat', 'Sun Hat'], ['Urbanite', 'Summit'], [12, 48], 120, { Color: COLORS.slice(0, 9) }, ['hat', 'cap', 'headwear']),
          leaf('Watches', 'watch', ['Field Watch', 'Dive Watch', 'Chronograph', 'Minimalist Watch'], ['Tempo', 'Meridian'], [89, 590], 160, { Color: ['Black', 'Grey', 'Navy', 'Beige'] }, ['watch', 'timepiece', 'analog']),
        ],
      },
    ],
  },
  {
    name: 'Electronics',
    slug: 'electronics',
    categories: [
      {
        name: 'Audio',
        slug: 'audio',
        leaves: [
          leaf('Headphones', 'headphones', ['Wireless Headphones', 'Noise-Cancelling Headphones', 'Studio Headphones', 'Wireless Earbuds'], ['Sonic', 'Aurora Audio', 'Pulse'], [39, 399], 280, { Color: ['Black', 'White', 'Navy', 'Grey'] }, ['headphones', 'wireless', 'bluetooth', 'audio']),
          leaf('Speakers', 'speaker', ['Bluetooth Speaker', 'Smart Speaker', 'Bookshelf Speaker', 'Party Speaker'], ['Sonic', 'Pulse'], [29, 499], 900, { Color: ['Black', 'White', 'Blue', 'Red'] }, ['speaker', 'bluetooth', 'audio', 'portable']),
        ],
      },
      {
        name: 'Computing',
        slug: 'computing',
        leaves: [
          leaf('Keyboards', 'keyboard', ['Mechanical Keyboard', 'Wireless Keyboard', 'Compact Keyboard'], ['Keycraft', 'Pixel Works'], [35, 229], 850, { Switch: ['Linear', 'Tactile', 'Clicky'], Color: ['Black', 'White', 'Grey'] }, ['keyboard', 'mechanical', 'office']),
          leaf('Mice', 'mouse', ['Wireless Mouse', 'Gaming Mouse', 'Ergonomic Mouse'], ['Keycraft', 'Pixel Works'], [19, 129], 110, { Color: ['Black', 'White', 'Grey', 'Pink'] }, ['mouse', 'wireless', 'gaming']),
          leaf('Monitors', 'monitor', ['4K Monitor', 'Ultrawide Monitor', 'Portable Monitor', 'Gaming Monitor'], ['Pixel Works', 'Vista'], [149, 899], 5200, { Size: ['24"', '27"', '32"'] }, ['monitor', 'display', 'screen', '4k']),
        ],
      },
      {
        name: 'Phone Accessories',
        slug: 'phone-accessories',
        leaves: [
          leaf('Phone Cases', 'phone-case', ['Silicone Case', 'Rugged Case', 'Clear Case', 'Wallet Case'], ['Shellguard', 'Pulse'], [9, 49], 60, { Model: ['Phone 15', 'Phone 16', 'Phone 16 Pro'], Color: COLORS.slice(0, 10) }, ['phone', 'case', 'mobile', 'protection']),
          leaf('Chargers', 'charger', ['Fast Charger', 'Wireless Charger', 'Power Bank', 'Car Charger'], ['Voltix', 'Pulse'], [15, 89], 180, { Color: ['Black', 'White'] }, ['charger', 'usb-c', 'power', 'mobile']),
        ],
      },
    ],
  },
  {
    name: 'Home & Kitchen',
    slug: 'home-kitchen',
    categories: [
      {
        name: 'Kitchen',
        slug: 'kitchen',
        leaves: [
          leaf('Cookware', 'pan', ['Skillet', 'Saucepan', 'Dutch Oven', 'Wok'], ['Ironclad', 'Hearth'], [25, 280], 2400, { Size: ['8"', '10"', '12"'] }, ['cookware', 'pan', 'cast iron', 'kitchen']),
          leaf('Coffee & Tea', 'mug', ['Ceramic Mug', 'Pour-Over Set', 'Travel Mug', 'French Press'], ['Morning Ritual', 'Hearth'], [12, 120], 450, { Color: ['White', 'Black', 'Blue', 'Green', 'Pink', 'Beige'] }, ['coffee', 'tea', 'mug', 'brew']),
          leaf('Knives', 'knife', ['Chef Knife', 'Paring Knife', 'Bread Knife', 'Knife Set'], ['Edgeworks', 'Ironclad'], [19, 349], 300, { Color: ['Black', 'Beige'] }, ['knife', 'chef', 'steel', 'kitchen']),
        ],
      },
      {
        name: 'Decor',
        slug: 'decor',
        leaves: [
          leaf('Lamps', 'lamp', ['Table Lamp', 'Floor Lamp', 'Desk Lamp', 'Pendant Light'], ['Lumen', 'Nordic Nest'], [29, 260], 1600, { Color: ['Black', 'White', 'Beige', 'Green'] }, ['lamp', 'lighting', 'light', 'decor']),
          leaf('Candles', 'candle', ['Soy Candle', 'Pillar Candle', 'Scented Candle Set'], ['Wick & Co', 'Nordic Nest'], [9, 59], 400, { Scent: ['Cedar', 'Lavender', 'Vanilla', 'Sea Salt'] }, ['candle', 'scented', 'soy', 'decor']),
          leaf('Rugs', 'rug', ['Wool Rug', 'Runner Rug', 'Jute Rug', 'Shag Rug'], ['Nordic Nest', 'Loomcraft'], [49, 690], 4000, { Size: ["3'x5'", "5'x8'", "8'x10'"], Color: ['Beige', 'Grey', 'Navy'] }, ['rug', 'carpet', 'wool', 'decor']),
        ],
      },
      {
        name: 'Bedding',
        slug: 'bedding',
        leaves: [
          leaf('Sheets', 'sheet', ['Percale Sheet Set', 'Linen Sheet Set', 'Sateen Sheet Set'], ['Restwell', 'Loomcraft'], [49, 280], 1500, { Size: ['Twin', 'Full', 'Queen', 'King'], Color: ['White', 'Grey', 'Beige', 'Blue'] }, ['sheets', 'bedding', 'cotton', 'linen']),
          leaf('Pillows', 'pillow', ['Down Pillow', 'Memory Foam Pillow', 'Throw Pillow'], ['Restwell', 'Nordic Nest'], [19, 120], 800, { Size: ['Standard', 'Queen', 'King'] }, ['pillow', 'bedding', 'sleep']),
        ],
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    slug: 'sports-outdoors',
    categories: [
      {
        name: 'Fitness',
        slug: 'fitness',
        leaves: [
          leaf('Yoga Mats', 'yoga-mat', ['Yoga Mat', 'Travel Yoga Mat', 'Cork Yoga Mat'], ['Zenflow', 'Stride'], [19, 110], 1800, { Color: ['Purple', 'Teal', 'Black', 'Pink', 'Green'] }, ['yoga', 'mat', 'fitness', 'pilates']),
          leaf('Dumbbells', 'dumbbell', ['Hex Dumbbell', 'Adjustable Dumbbell', 'Neoprene Dumbbell'], ['Ironform', 'Stride'], [15, 399], 5000, { Weight: ['5 lb', '10 lb', '15 lb', '25 lb'] }, ['dumbbell', 'weights', 'strength', 'fitness']),
          leaf('Water Bottles', 'bottle', ['Insulated Bottle', 'Sports Bottle', 'Glass Bottle'], ['Hydra', 'Summit'], [12, 45], 350, { Size: ['500 ml', '750 ml', '1 L'], Color: COLORS.slice(0, 8) }, ['bottle', 'water', 'insulated', 'hydration']),
        ],
      },
      {
        name: 'Camping',
        slug: 'camping',
        leaves: [
          leaf('Tents', 'tent', ['Backpacking Tent', 'Family Tent', 'Ultralight Tent'], ['Summit', 'Trailhead'], [89, 690], 2600, { Capacity: ['1 person', '2 person', '4 person'] }, ['tent', 'camping', 'outdoor', 'shelter']),
          leaf('Backpacks', 'backpack', ['Daypack', 'Hiking Backpack', 'Travel Backpack', 'Rolltop Backpack'], ['Trailhead', 'Carryall'], [39, 260], 1100, { Color: ['Black', 'Olive', 'Navy', 'Orange', 'Grey'] }, ['backpack', 'hiking', 'bag', 'travel']),
        ],
      },
      {
        name: 'Cycling',
        slug: 'cycling',
        leaves: [
          leaf('Helmets', 'helmet', ['Road Helmet', 'Commuter Helmet', 'Mountain Bike Helmet'], ['Velo', 'Summit'], [39, 249], 300, { Size: ['S', 'M', 'L'], Color: ['Black', 'White', 'Red', 'Blue'] }, ['helmet', 'cycling', 'bike', 'safety']),
          leaf('Bike Lights', 'bike-light', ['Front Light', 'Rear Light', 'Light Set'], ['Velo', 'Voltix'], [12, 89], 120, { Color: ['Black', 'Grey'] }, ['light', 'cycling', 'bike', 'safety']),
        ],
      },
    ],
  },
  {
    name: 'Beauty',
    slug: 'beauty',
    categories: [
      {
        name: 'Skincare',
        slug: 'skincare',
        leaves: [
          leaf('Moisturizers', 'jar', ['Daily Moisturizer', 'Night Cream', 'Gel Moisturizer'], ['Dewdrop', 'Botanica'], [14, 89], 200, { Size: ['50 ml', '100 ml'] }, ['moisturizer', 'skincare', 'cream', 'face']),
          leaf('Cleansers', 'bottle', ['Foaming Cleanser', 'Gentle Cleanser', 'Oil Cleanser'], ['Dewdrop', 'Botanica'], [10, 49], 250, { Size: ['150 ml', '300 ml'] }, ['cleanser', 'skincare', 'face wash']),
        ],
      },
      {
        name: 'Fragrance',
        slug: 'fragrance',
        leaves: [
          leaf('Perfume', 'bottle', ['Eau de Parfum', 'Eau de Toilette', 'Perfume Oil'], ['Maison Vale', 'Botanica'], [35, 240], 300, { Size: ['30 ml', '50 ml', '100 ml'] }, ['perfume', 'fragrance', 'scent']),
        ],
      },
    ],
  },
];

export const ADJECTIVES = [
  'Aero', 'Classic', 'Everyday', 'Pro', 'Nova', 'Essential', 'Heritage', 'Ultra', 'Summit', 'Cloud',
  'Vista', 'Prime', 'Terra', 'Breeze', 'Drift', 'Core', 'Flux', 'Horizon', 'Luxe', 'Metro',
  'Orbit', 'Pulse', 'Quest', 'Rally', 'Sierra', 'Tempo', 'Vector', 'Wave', 'Zen', 'Atlas',
];

export const STORES = [
  { name: 'Stride Athletics', departments: ['fashion', 'sports-outdoors'], country: 'US' },
  { name: 'Loom & Thread', departments: ['fashion'], country: 'GB' },
  { name: 'Circuit House', departments: ['electronics'], country: 'US' },
  { name: 'Hearth & Home', departments: ['home-kitchen'], country: 'US' },
  { name: 'Trailhead Outfitters', departments: ['sports-outdoors', 'fashion'], country: 'CA' },
  { name: 'Nordic Nest', departments: ['home-kitchen'], country: 'DE' },
  { name: 'Pixel & Plug', departments: ['electronics'], country: 'US' },
  { name: 'Glow Botanica', departments: ['beauty'], country: 'FR' },
  { name: 'Urban Closet', departments: ['fashion', 'beauty'], country: 'US' },
  { name: 'Peak Performance', departments: ['sports-outdoors', 'electronics'], country: 'US' },
];

export const SYNONYMS: string[][] = [
  ['sneakers', 'trainers', 'kicks'],
  ['tee', 't-shirt', 'tshirt'],
  ['hoodie', 'sweatshirt'],
  ['headphones', 'earphones', 'headset', 'earbuds'],
  ['phone', 'mobile', 'cellphone'],
  ['backpack', 'rucksack'],
  ['couch', 'sofa'],
  ['lamp', 'light'],
  ['perfume', 'fragrance', 'cologne'],
  ['moisturizer', 'moisturiser', 'lotion'],
];

export const FIRST_NAMES = ['Ava', 'Liam', 'Maya', 'Noah', 'Zoe', 'Ethan', 'Lina', 'Omar', 'Sofia', 'Kai', 'Priya', 'Mateo', 'Hana', 'Jonas', 'Amara', 'Leo', 'Ines', 'Ravi', 'Chloe', 'Tariq'];
export const LAST_NAMES = ['Nguyen', 'Smith', 'Garcia', 'Okafor', 'Muller', 'Rossi', 'Tanaka', 'Silva', 'Kowalski', 'Haddad', 'Brown', 'Patel', 'Andersson', 'Dubois', 'Kim'];
