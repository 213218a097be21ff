#!/usr/bin/env python3
"""Reference for `npm run bench` (bench/study.ts): every epoch's raster read
with GDAL (decoding) in strips of whole tile rows and its classes counted with
numpy, one raster after the other, single-threaded, as a user would write it.
Prints JSON: {"pixels": N, "counts": [{code: count, ...} per raster]}.
Usage: python3 study_gdal_numpy.py A.tif B.tif ..."""
import json
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
out = []
total = 0
for path in sys.argv[1:]:
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    w, h = ds.RasterXSize, ds.RasterYSize
    strip = band.GetBlockSize()[1] or 256
    counts = np.zeros(256, dtype=np.int64)
    for y in range(0, h, strip):
        n = min(strip, h - y)
        counts += np.bincount(band.ReadAsArray(0, y, w, n).ravel(), minlength=256)
    total += w * h
    out.append({int(c): int(counts[c]) for c in np.nonzero(counts)[0]})
print(json.dumps({"pixels": total, "counts": out}))
