// The legends of the land-cover products authors bring: each product's
// published class codes and names, the values it uses for "no data", what
// identifies its files (native pixel size, where it covers, name patterns),
// a default mapping onto the study's six classes with the reason for every
// choice that is a choice, and its citation. Pure data, written from the
// products' own documentation (paraphrased); `atlas init` identifies a
// product from it and the Methods page names the study's product with it.
import type {LandClass} from "./classes.js";

export interface Legend {
  /** the id a study file and `atlas init --product` use */
  id: string;
  name: string;
  /** code → class name as the product publishes it */
  codes: Record<number, string>;
  /** values the product uses for no data or fill (never mapped to a class) */
  noData: number[];
  /** code → study class, the default mapping */
  mapping: Record<number, LandClass>;
  /** code → why it maps as it does, where that is a choice and not the class's plain meaning */
  reasons: Record<number, string>;
  /** native pixel sizes, metres on the ground */
  pixelM: number[];
  /** lon/lat box the product covers ([-180, -90, 180, 90] for a global product) */
  covers: [west: number, south: number, east: number, north: number];
  /** CRSs the product is distributed in, as information for the author */
  crs: string;
  /** file-name pattern of the product's own files and of common exports */
  fileNames: RegExp;
  citation: string;
  doi?: string;
}

const GLOBAL: Legend["covers"] = [-180, -90, 180, 90];
const CHINA: Legend["covers"] = [73, 3, 136, 54];

// Reasons shared by several products, so that a choice reads the same wherever it is made.
const SHRUB = "shrub counted as forest land, as Chinese six-class studies count shrubland (CNLUCC 22)";
const WETLAND = "wetland counted as water, as the six-class scheme has no wetland class";
const SNOW = "snow and ice counted as unused land (the six classes have no cryosphere class)";
const MOSS = "moss and lichen counted as unused land, as CNLUCC counts alpine tundra (67)";
const SPARSE = "sparse vegetation (< 15 % cover) counted as unused land";

const CLCD: Legend = {
  id: "clcd",
  name: "CLCD (China Land Cover Dataset, annual, 30 m)",
  codes: {
    1: "Cropland",
    2: "Forest",
    3: "Shrub",
    4: "Grassland",
    5: "Water",
    6: "Snow/Ice",
    7: "Barren",
    8: "Impervious",
    9: "Wetland"
  },
  noData: [0],
  mapping: {1: "cultivated", 2: "forest", 3: "forest", 4: "grassland", 5: "water", 6: "unused", 7: "unused", 8: "construction", 9: "water"},
  reasons: {3: SHRUB, 6: SNOW, 9: WETLAND},
  pixelM: [30],
  covers: CHINA,
  crs: "geographic WGS84 (EPSG:4326)",
  fileNames: /clcd/i,
  citation:
    "Yang, J. & Huang, X. (2021). The 30 m annual land cover dataset and its dynamics in China from 1990 to 2019. Earth System Science Data 13, 3907–3925.",
  doi: "10.5194/essd-13-3907-2021"
};

const CNLUCC: Legend = {
  id: "cnlucc",
  name: "CNLUCC (CAS/RESDC multi-period land-use remote-sensing monitoring data of China)",
  codes: {
    11: "Paddy field",
    12: "Dry land",
    21: "Forest (closed woodland)",
    22: "Shrubland",
    23: "Sparse woodland",
    24: "Other woodland (orchards, nurseries)",
    31: "High-coverage grassland",
    32: "Medium-coverage grassland",
    33: "Low-coverage grassland",
    41: "Rivers and canals",
    42: "Lakes",
    43: "Reservoirs and ponds",
    44: "Permanent glaciers and snow",
    45: "Tidal flats",
    46: "Bottomland (beaches)",
    51: "Urban land",
    52: "Rural settlements",
    53: "Other construction land (industry, mining, transport)",
    61: "Sand",
    62: "Gobi",
    63: "Saline-alkali land",
    64: "Marsh",
    65: "Bare land",
    66: "Bare rock",
    67: "Other unused land (alpine desert, tundra)",
    99: "Sea"
  },
  noData: [0, 127, 255],
  mapping: {
    11: "cultivated",
    12: "cultivated",
    21: "forest",
    22: "forest",
    23: "forest",
    24: "forest",
    31: "grassland",
    32: "grassland",
    33: "grassland",
    41: "water",
    42: "water",
    43: "water",
    44: "water",
    45: "water",
    46: "water",
    51: "construction",
    52: "construction",
    53: "construction",
    61: "unused",
    62: "unused",
    63: "unused",
    64: "unused",
    65: "unused",
    66: "unused",
    67: "unused",
    99: "water"
  },
  reasons: {
    44: "glaciers and snow counted as water, as the CAS first-level class 4 (water area) includes them",
    64: "marsh counted as unused land, as the CAS first-level class 6 (unused land) includes it",
    99: "sea counted as water (some editions code it 99; drop it from the table if the sea lies outside your study)"
  },
  pixelM: [30, 100, 1000],
  covers: CHINA,
  crs: "Albers equal-area conic on Krasovsky (central meridian 105° E, parallels 25° and 47° N), or geographic",
  fileNames: /cnlucc|lucc|resdc|cas[_-]?lu/i,
  citation:
    "Xu, X., Liu, J., Zhang, S., Li, R., Yan, C. & Wu, S. (2018). China's multi-period land use land cover remote sensing monitoring dataset (CNLUCC). Resource and Environment Science Data Registration and Publishing System (RESDC), Chinese Academy of Sciences.",
  doi: "10.12078/2018070201"
};

const WORLDCOVER: Legend = {
  id: "worldcover",
  name: "ESA WorldCover 10 m (v100 2020, v200 2021)",
  codes: {
    10: "Tree cover",
    20: "Shrubland",
    30: "Grassland",
    40: "Cropland",
    50: "Built-up",
    60: "Bare / sparse vegetation",
    70: "Snow and ice",
    80: "Permanent water bodies",
    90: "Herbaceous wetland",
    95: "Mangroves",
    100: "Moss and lichen"
  },
  noData: [0],
  mapping: {
    10: "forest",
    20: "forest",
    30: "grassland",
    40: "cultivated",
    50: "construction",
    60: "unused",
    70: "unused",
    80: "water",
    90: "water",
    95: "forest",
    100: "unused"
  },
  reasons: {
    20: SHRUB,
    60: "bare and sparsely vegetated land counted as unused land",
    70: SNOW,
    90: WETLAND,
    95: "mangroves are tree cover: forest land",
    100: MOSS
  },
  pixelM: [10],
  covers: GLOBAL,
  crs: "geographic WGS84 (EPSG:4326), 3 × 3° tiles",
  fileNames: /worldcover|esa[_-]?wc|[_-]wc10m|\bwc[_-]?(v100|v200)/i,
  citation:
    "Zanaga, D. et al. (2021). ESA WorldCover 10 m 2020 v100 (doi:10.5281/zenodo.5571936); Zanaga, D. et al. (2022). ESA WorldCover 10 m 2021 v200 (doi:10.5281/zenodo.7254221). © ESA WorldCover project / Contains modified Copernicus Sentinel data processed by the ESA WorldCover consortium, CC BY 4.0.",
  doi: "10.5281/zenodo.5571936"
};

const CCI: Legend = {
  id: "esa-cci",
  name: "ESA CCI / C3S land cover (LCCS legend, 300 m)",
  codes: {
    10: "Cropland, rainfed",
    11: "Cropland, rainfed, herbaceous cover",
    12: "Cropland, rainfed, tree or shrub cover",
    20: "Cropland, irrigated or post-flooding",
    30: "Mosaic cropland (> 50 %) / natural vegetation (< 50 %)",
    40: "Mosaic natural vegetation (> 50 %) / cropland (< 50 %)",
    50: "Tree cover, broadleaved, evergreen, closed to open (> 15 %)",
    60: "Tree cover, broadleaved, deciduous, closed to open (> 15 %)",
    61: "Tree cover, broadleaved, deciduous, closed (> 40 %)",
    62: "Tree cover, broadleaved, deciduous, open (15–40 %)",
    70: "Tree cover, needleleaved, evergreen, closed to open (> 15 %)",
    71: "Tree cover, needleleaved, evergreen, closed (> 40 %)",
    72: "Tree cover, needleleaved, evergreen, open (15–40 %)",
    80: "Tree cover, needleleaved, deciduous, closed to open (> 15 %)",
    81: "Tree cover, needleleaved, deciduous, closed (> 40 %)",
    82: "Tree cover, needleleaved, deciduous, open (15–40 %)",
    90: "Tree cover, mixed leaf type",
    100: "Mosaic tree and shrub (> 50 %) / herbaceous cover (< 50 %)",
    110: "Mosaic herbaceous cover (> 50 %) / tree and shrub (< 50 %)",
    120: "Shrubland",
    121: "Shrubland, evergreen",
    122: "Shrubland, deciduous",
    130: "Grassland",
    140: "Lichens and mosses",
    150: "Sparse vegetation (< 15 %)",
    151: "Sparse tree (< 15 %)",
    152: "Sparse shrub (< 15 %)",
    153: "Sparse herbaceous cover (< 15 %)",
    160: "Tree cover, flooded, fresh or brackish water",
    170: "Tree cover, flooded, saline water",
    180: "Shrub or herbaceous cover, flooded",
    190: "Urban areas",
    200: "Bare areas",
    201: "Consolidated bare areas",
    202: "Unconsolidated bare areas",
    210: "Water bodies",
    220: "Permanent snow and ice"
  },
  noData: [0, 255],
  mapping: {
    10: "cultivated",
    11: "cultivated",
    12: "cultivated",
    20: "cultivated",
    30: "cultivated",
    40: "cultivated",
    50: "forest",
    60: "forest",
    61: "forest",
    62: "forest",
    70: "forest",
    71: "forest",
    72: "forest",
    80: "forest",
    81: "forest",
    82: "forest",
    90: "forest",
    100: "forest",
    110: "grassland",
    120: "forest",
    121: "forest",
    122: "forest",
    130: "grassland",
    140: "unused",
    150: "unused",
    151: "unused",
    152: "unused",
    153: "unused",
    160: "forest",
    170: "forest",
    180: "water",
    190: "construction",
    200: "unused",
    201: "unused",
    202: "unused",
    210: "water",
    220: "unused"
  },
  reasons: {
    12: "cropland with trees or shrubs (orchards) is still cropland",
    30: "a mosaic with more cropland than natural vegetation: cultivated",
    40: "a mosaic with cropland: cultivated, as the product's own IPCC conversion counts it agriculture",
    100: "trees and shrubs are the majority: forest land",
    110: "herbaceous cover is the majority: grassland",
    120: SHRUB,
    121: SHRUB,
    122: SHRUB,
    140: MOSS,
    150: SPARSE,
    151: SPARSE,
    152: SPARSE,
    153: SPARSE,
    160: "flooded tree cover is tree cover: forest land",
    170: "flooded tree cover (mangroves) is tree cover: forest land",
    180: WETLAND,
    220: SNOW
  },
  pixelM: [300],
  covers: GLOBAL,
  crs: "geographic WGS84 (EPSG:4326)",
  fileNames: /cci|c3s|lccs/i,
  citation:
    "ESA Land Cover CCI project (2017). Land Cover CCI Product User Guide, version 2.0; Copernicus Climate Change Service (2019). Land cover classification gridded maps from 1992 to present derived from satellite observations. C3S Climate Data Store.",
  doi: "10.24381/cds.006f2c9a"
};

const GLOBELAND30: Legend = {
  id: "globeland30",
  name: "GlobeLand30 (30 m)",
  codes: {
    10: "Cultivated land",
    20: "Forest",
    30: "Grassland",
    40: "Shrubland",
    50: "Wetland",
    60: "Water bodies",
    70: "Tundra",
    80: "Artificial surfaces",
    90: "Bare land",
    100: "Permanent snow and ice"
  },
  noData: [0, 255],
  mapping: {
    10: "cultivated",
    20: "forest",
    30: "grassland",
    40: "forest",
    50: "water",
    60: "water",
    70: "unused",
    80: "construction",
    90: "unused",
    100: "unused"
  },
  reasons: {40: SHRUB, 50: WETLAND, 70: "tundra counted as unused land, as CNLUCC counts it (67)", 100: SNOW},
  pixelM: [30],
  covers: GLOBAL,
  crs: "UTM zones on WGS84, one per tile",
  fileNames: /globeland|glc30|gl30/i,
  citation:
    "Chen, J. et al. (2015). Global land cover mapping at 30 m resolution: a POK-based operational approach. ISPRS Journal of Photogrammetry and Remote Sensing 103, 7–27.",
  doi: "10.1016/j.isprsjprs.2014.09.002"
};

const GLC_FCS30: Legend = {
  id: "glc-fcs30",
  name: "GLC_FCS30 / GLC_FCS30D (30 m, fine classification system)",
  codes: {
    10: "Rainfed cropland",
    11: "Herbaceous cover cropland",
    12: "Tree or shrub cover (orchard) cropland",
    20: "Irrigated cropland",
    51: "Open evergreen broadleaved forest",
    52: "Closed evergreen broadleaved forest",
    61: "Open deciduous broadleaved forest",
    62: "Closed deciduous broadleaved forest",
    71: "Open evergreen needle-leaved forest",
    72: "Closed evergreen needle-leaved forest",
    81: "Open deciduous needle-leaved forest",
    82: "Closed deciduous needle-leaved forest",
    91: "Open mixed-leaf forest",
    92: "Closed mixed-leaf forest",
    120: "Shrubland",
    121: "Evergreen shrubland",
    122: "Deciduous shrubland",
    130: "Grassland",
    140: "Lichens and mosses",
    150: "Sparse vegetation",
    152: "Sparse shrubland",
    153: "Sparse herbaceous",
    180: "Wetlands",
    181: "Swamp (GLC_FCS30D)",
    182: "Marsh (GLC_FCS30D)",
    183: "Flooded flat (GLC_FCS30D)",
    184: "Saline (GLC_FCS30D)",
    185: "Mangrove (GLC_FCS30D)",
    186: "Salt marsh (GLC_FCS30D)",
    187: "Tidal flat (GLC_FCS30D)",
    190: "Impervious surfaces",
    200: "Bare areas",
    201: "Consolidated bare areas",
    202: "Unconsolidated bare areas",
    210: "Water body",
    220: "Permanent ice and snow"
  },
  noData: [0, 250, 255],
  mapping: {
    10: "cultivated",
    11: "cultivated",
    12: "cultivated",
    20: "cultivated",
    51: "forest",
    52: "forest",
    61: "forest",
    62: "forest",
    71: "forest",
    72: "forest",
    81: "forest",
    82: "forest",
    91: "forest",
    92: "forest",
    120: "forest",
    121: "forest",
    122: "forest",
    130: "grassland",
    140: "unused",
    150: "unused",
    152: "unused",
    153: "unused",
    180: "water",
    181: "water",
    182: "water",
    183: "water",
    184: "water",
    185: "forest",
    186: "water",
    187: "water",
    190: "construction",
    200: "unused",
    201: "unused",
    202: "unused",
    210: "water",
    220: "unused"
  },
  reasons: {
    12: "orchard cropland is still cropland",
    120: SHRUB,
    121: SHRUB,
    122: SHRUB,
    140: MOSS,
    150: SPARSE,
    152: SPARSE,
    153: SPARSE,
    180: WETLAND,
    181: WETLAND,
    182: WETLAND,
    183: WETLAND,
    184: WETLAND,
    185: "mangroves are tree cover: forest land",
    186: WETLAND,
    187: "tidal flats counted as water, as CNLUCC counts them (45)",
    220: SNOW
  },
  pixelM: [30],
  covers: GLOBAL,
  crs: "geographic WGS84 (EPSG:4326), 5 × 5° tiles",
  fileNames: /glc[_-]?fcs/i,
  citation:
    "Zhang, X., Liu, L., Chen, X., Gao, Y., Xie, S. & Mi, J. (2021). GLC_FCS30: global land-cover product with fine classification system at 30 m using time-series Landsat imagery. Earth System Science Data 13, 2753–2776.",
  doi: "10.5194/essd-13-2753-2021"
};

const MODIS_IGBP: Legend = {
  id: "modis-igbp",
  name: "MODIS MCD12Q1 land cover, IGBP classification (LC_Type1, 500 m)",
  codes: {
    1: "Evergreen needleleaf forests",
    2: "Evergreen broadleaf forests",
    3: "Deciduous needleleaf forests",
    4: "Deciduous broadleaf forests",
    5: "Mixed forests",
    6: "Closed shrublands",
    7: "Open shrublands",
    8: "Woody savannas",
    9: "Savannas",
    10: "Grasslands",
    11: "Permanent wetlands",
    12: "Croplands",
    13: "Urban and built-up lands",
    14: "Cropland/natural vegetation mosaics",
    15: "Permanent snow and ice",
    16: "Barren",
    17: "Water bodies"
  },
  noData: [0, 255],
  mapping: {
    1: "forest",
    2: "forest",
    3: "forest",
    4: "forest",
    5: "forest",
    6: "forest",
    7: "forest",
    8: "forest",
    9: "grassland",
    10: "grassland",
    11: "water",
    12: "cultivated",
    13: "construction",
    14: "cultivated",
    15: "unused",
    16: "unused",
    17: "water"
  },
  reasons: {
    6: SHRUB,
    7: "open shrubland counted as forest land, as CNLUCC counts shrub and sparse woodland (22, 23)",
    8: "woody savannas (30–60 % tree cover) counted as forest land",
    9: "savannas (10–30 % tree cover) counted as grassland: herbaceous cover dominates",
    11: WETLAND,
    14: "cropland/natural vegetation mosaics counted as cultivated land (cropland is a large share)",
    15: SNOW
  },
  pixelM: [463.3127, 500],
  covers: GLOBAL,
  crs: "MODIS sinusoidal (tiles h/v), often reprojected to WGS84",
  fileNames: /mcd12q1|modis|igbp/i,
  citation:
    "Friedl, M. & Sulla-Menashe, D. (2019). MCD12Q1 MODIS/Terra+Aqua Land Cover Type Yearly L3 Global 500 m SIN Grid V006. NASA EOSDIS Land Processes DAAC.",
  doi: "10.5067/MODIS/MCD12Q1.006"
};

const DYNAMIC_WORLD: Legend = {
  id: "dynamic-world",
  name: "Dynamic World (label band, 10 m)",
  codes: {
    0: "Water",
    1: "Trees",
    2: "Grass",
    3: "Flooded vegetation",
    4: "Crops",
    5: "Shrub and scrub",
    6: "Built",
    7: "Bare",
    8: "Snow and ice"
  },
  noData: [255],
  mapping: {0: "water", 1: "forest", 2: "grassland", 3: "water", 4: "cultivated", 5: "forest", 6: "construction", 7: "unused", 8: "unused"},
  reasons: {3: WETLAND, 5: SHRUB, 8: SNOW},
  pixelM: [10],
  covers: GLOBAL,
  crs: "UTM on Sentinel-2 tiles, or as exported (often EPSG:4326)",
  fileNames: /dynamic[_-]?world|\bdw[_-]/i,
  citation: "Brown, C. F. et al. (2022). Dynamic World, near real-time global 10 m land use land cover mapping. Scientific Data 9, 251.",
  doi: "10.1038/s41597-022-01307-4"
};

const NLCD: Legend = {
  id: "nlcd",
  name: "US NLCD (National Land Cover Database, 30 m)",
  codes: {
    11: "Open water",
    12: "Perennial ice/snow",
    21: "Developed, open space",
    22: "Developed, low intensity",
    23: "Developed, medium intensity",
    24: "Developed, high intensity",
    31: "Barren land (rock/sand/clay)",
    41: "Deciduous forest",
    42: "Evergreen forest",
    43: "Mixed forest",
    51: "Dwarf scrub (Alaska)",
    52: "Shrub/scrub",
    71: "Grassland/herbaceous",
    72: "Sedge/herbaceous (Alaska)",
    73: "Lichens (Alaska)",
    74: "Moss (Alaska)",
    81: "Pasture/hay",
    82: "Cultivated crops",
    90: "Woody wetlands",
    95: "Emergent herbaceous wetlands"
  },
  noData: [0, 250, 255],
  mapping: {
    11: "water",
    12: "unused",
    21: "construction",
    22: "construction",
    23: "construction",
    24: "construction",
    31: "unused",
    41: "forest",
    42: "forest",
    43: "forest",
    51: "forest",
    52: "forest",
    71: "grassland",
    72: "grassland",
    73: "unused",
    74: "unused",
    81: "grassland",
    82: "cultivated",
    90: "forest",
    95: "water"
  },
  reasons: {
    12: SNOW,
    21: "developed open space (lawns, parks, < 20 % impervious) counted as construction land, as NLCD counts it developed",
    51: SHRUB,
    52: SHRUB,
    73: MOSS,
    74: MOSS,
    81: "pasture/hay counted as grassland (planted grass, as CNLUCC counts artificial grassland)",
    90: "woody wetlands are tree cover: forest land",
    95: WETLAND
  },
  pixelM: [30],
  covers: [-180, 17, -64, 72],
  crs: "Albers equal-area conic, CONUS (EPSG:5070)",
  fileNames: /nlcd/i,
  citation:
    "Dewitz, J. & U.S. Geological Survey (2021). National Land Cover Database (NLCD) 2019 Products. U.S. Geological Survey data release.",
  doi: "10.5066/P9KZCM54"
};

const CORINE: Legend = {
  id: "corine",
  name: "CORINE Land Cover (CLC raster, 100 m, grid codes 1–44)",
  codes: {
    1: "111 Continuous urban fabric",
    2: "112 Discontinuous urban fabric",
    3: "121 Industrial or commercial units",
    4: "122 Road and rail networks and associated land",
    5: "123 Port areas",
    6: "124 Airports",
    7: "131 Mineral extraction sites",
    8: "132 Dump sites",
    9: "133 Construction sites",
    10: "141 Green urban areas",
    11: "142 Sport and leisure facilities",
    12: "211 Non-irrigated arable land",
    13: "212 Permanently irrigated land",
    14: "213 Rice fields",
    15: "221 Vineyards",
    16: "222 Fruit trees and berry plantations",
    17: "223 Olive groves",
    18: "231 Pastures",
    19: "241 Annual crops associated with permanent crops",
    20: "242 Complex cultivation patterns",
    21: "243 Agriculture with significant areas of natural vegetation",
    22: "244 Agro-forestry areas",
    23: "311 Broad-leaved forest",
    24: "312 Coniferous forest",
    25: "313 Mixed forest",
    26: "321 Natural grasslands",
    27: "322 Moors and heathland",
    28: "323 Sclerophyllous vegetation",
    29: "324 Transitional woodland-shrub",
    30: "331 Beaches, dunes, sands",
    31: "332 Bare rocks",
    32: "333 Sparsely vegetated areas",
    33: "334 Burnt areas",
    34: "335 Glaciers and perpetual snow",
    35: "411 Inland marshes",
    36: "412 Peat bogs",
    37: "421 Salt marshes",
    38: "422 Salines",
    39: "423 Intertidal flats",
    40: "511 Water courses",
    41: "512 Water bodies",
    42: "521 Coastal lagoons",
    43: "522 Estuaries",
    44: "523 Sea and ocean"
  },
  noData: [0, 48, 128, 255],
  mapping: {
    1: "construction",
    2: "construction",
    3: "construction",
    4: "construction",
    5: "construction",
    6: "construction",
    7: "construction",
    8: "construction",
    9: "construction",
    10: "construction",
    11: "construction",
    12: "cultivated",
    13: "cultivated",
    14: "cultivated",
    15: "cultivated",
    16: "cultivated",
    17: "cultivated",
    18: "grassland",
    19: "cultivated",
    20: "cultivated",
    21: "cultivated",
    22: "cultivated",
    23: "forest",
    24: "forest",
    25: "forest",
    26: "grassland",
    27: "grassland",
    28: "forest",
    29: "forest",
    30: "unused",
    31: "unused",
    32: "unused",
    33: "unused",
    34: "unused",
    35: "water",
    36: "water",
    37: "water",
    38: "water",
    39: "water",
    40: "water",
    41: "water",
    42: "water",
    43: "water",
    44: "water"
  },
  reasons: {
    7: "mineral extraction, dump and construction sites counted as construction land (CNLUCC 53 counts mining land so)",
    10: "green urban areas and sport facilities counted as construction land: urban land use, as CNLUCC's urban land includes parks",
    16: "orchards and plantations are cultivated land (CLC class 2, agricultural areas)",
    18: "pastures counted as grassland",
    21: "land mainly agricultural: cultivated",
    22: "agro-forestry (crops or grazing under trees) counted as cultivated land",
    27: "moors and heathland (low dwarf shrub) counted as grassland",
    28: SHRUB,
    29: "transitional woodland-shrub counted as forest land",
    33: "burnt areas counted as unused land until they regrow",
    34: SNOW,
    35: WETLAND,
    38: "salines counted as water with the other CLC wetlands (class 4)",
    44: "sea counted as water (drop it from the table if the sea lies outside your study)"
  },
  pixelM: [100],
  covers: [-32, 27, 45, 72],
  crs: "ETRS89 LAEA Europe (EPSG:3035)",
  fileNames: /corine|\bclc|u20\d\d/i,
  citation:
    "European Environment Agency (2020). CORINE Land Cover 2018 (raster 100 m), Europe, 6-yearly. Copernicus Land Monitoring Service.",
  doi: "10.2909/960998c1-1870-4e82-8051-6485205ebbac"
};

/** CLCD's default table: the reconstruction writes CLCD codes, and a study file without a table gets CLCD's. */
export const CLCD_TO_CLASS = CLCD.mapping;

/** Every product atlas init knows, in the order it lists them. */
export const LEGENDS: readonly Legend[] = [CLCD, CNLUCC, WORLDCOVER, CCI, GLOBELAND30, GLC_FCS30, MODIS_IGBP, DYNAMIC_WORLD, NLCD, CORINE];

export function legendById(id: string): Legend | undefined {
  return LEGENDS.find((l) => l.id === id);
}

/** A product's default table as a study file writes it: {"code": "class"}. */
export function defaultTable(legend: Legend, codes?: number[]): Record<string, LandClass> {
  const keep = codes ? (c: number) => codes.includes(c) : () => true;
  return Object.fromEntries(
    Object.entries(legend.mapping)
      .filter(([k]) => keep(Number(k)))
      .map(([k, v]) => [k, v])
  );
}
