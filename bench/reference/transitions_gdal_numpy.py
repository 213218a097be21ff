#!/usr/bin/env python3
"""Reference for `npm run bench`: the transition pixel counts of two rasters
with GDAL (decoding) and numpy (counting), read in strips of whole tile rows
so that memory stays bounded, as a user would write it. Prints JSON:
{"pairs": N, "nonzero": K, "checksum": sum(count * (from*256+to))}.
Usage: python3 transitions_gdal_numpy.py FROM.tif TO.tif"""
import json
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
a, b = (gdal.Open(p) for p in sys.argv[1:3])
ba, bb = a.GetRasterBand(1), b.GetRasterBand(1)
nodata = [ba.GetNoDataValue(), bb.GetNoDataValue()]
w, h = a.RasterXSize, a.RasterYSize
strip = ba.GetBlockSize()[1] or 256
counts = np.zeros(65536, dtype=np.int64)
for y in range(0, h, strip):
    n = min(strip, h - y)
    x = ba.ReadAsArray(0, y, w, n)
    z = bb.ReadAsArray(0, y, w, n)
    ok = np.ones(x.shape, dtype=bool)
    if nodata[0] is not None:
        ok &= x != int(nodata[0])
    if nodata[1] is not None:
        ok &= z != int(nodata[1])
    idx = x[ok].astype(np.uint16) * 256 + z[ok]
    counts += np.bincount(idx, minlength=65536)
nz = np.nonzero(counts)[0]
print(json.dumps({"pairs": int(counts.sum()), "nonzero": int(len(nz)), "checksum": int((counts[nz] * nz).sum())}))
