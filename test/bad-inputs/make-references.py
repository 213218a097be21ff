#!/usr/bin/env python3
"""Defective inputs that need GDAL to make, and GDAL's answers on them, for
the bad-input corpus (test/bad-inputs/). Each file stands in for one file of
test/fixtures/real-study in one case (cases.ts copies the study and swaps the
file in); references.json holds what GDAL + numpy count or measure:

- southup_YYYY.tif: the study's rasters stored south-up (positive y pixel
  size; GDAL writes a ModelTransformation). The engine refuses them.
- merc_YYYY.tif: the rasters warped (nearest) to EPSG:3857, 30 m pixels:
  areas are nominal (pixels × 900 m²); counted by gdal.RasterizeLayer.
- nodata11_2010.tif: lc_2010.tif with its NoData tag set to 11, a mapped code.
- boundary_multi_inside.geojson: a MultiPolygon whose second part lies inside
  the first; gdal.RasterizeLayer's counts inside it.
- allnodata_2010.tif: every pixel NoData; noconstruction_2000.tif: lc_2000
  with construction (51) turned cultivated (11).
- boundary_nodata_strip.geojson: a boundary reaching over the rasters'
  NoData strip; the counts inside it and the NoData share of its pixels.
- boundary_beyond.geojson: a polygon reaching 100 pixels beyond the rasters'
  east edge; the share of its area (in the rasters' equal-area CRS, edges
  straight between projected vertices) inside the rasters' extent, by OGR,
  and the counts of the pixels inside it.

Run from the repository root:  /usr/bin/python3 test/bad-inputs/make-references.py
"""
import json
import os

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
STUDY = os.path.join(HERE, "..", "fixtures", "real-study")
os.makedirs(OUT, exist_ok=True)
EPOCHS = [2000, 2010, 2020]
CODES = [11, 21, 31, 41, 51, 61]
CREATE = ["COMPRESS=LZW", "TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64"]

wgs = osr.SpatialReference()
wgs.ImportFromEPSG(4326)
wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)


def read(path):
    ds = gdal.Open(path)
    return ds, ds.GetRasterBand(1).ReadAsArray()


def write(path, a, gt, wkt, nodata=0):
    ds = gdal.GetDriverByName("GTiff").Create(path, a.shape[1], a.shape[0], 1, gdal.GDT_Byte, CREATE)
    ds.SetGeoTransform(gt)
    ds.SetProjection(wkt)
    b = ds.GetRasterBand(1)
    b.SetNoDataValue(nodata)
    b.WriteArray(a)
    ds = None


def counts_inside(raster_path, geojson_text):
    """Pixels of each code whose centre is inside the polygon (gdal.RasterizeLayer), NoData excluded."""
    ds, a = read(raster_path)
    vec = gdal.OpenEx(geojson_text, gdal.OF_VECTOR)
    mem = gdal.GetDriverByName("MEM").Create("", ds.RasterXSize, ds.RasterYSize, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(ds.GetGeoTransform())
    mem.SetProjection(ds.GetProjection())
    gdal.RasterizeLayer(mem, [1], vec.GetLayer(0), burn_values=[1])
    mask = mem.GetRasterBand(1).ReadAsArray().astype(bool)
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    inside = a[mask & (a != nodata)]
    return {str(c): int((inside == c).sum()) for c in CODES}


refs = {}

# South-up copies: the same pixel centres, rows stored from the south.
for y in EPOCHS:
    ds, a = read(os.path.join(STUDY, f"lc_{y}.tif"))
    x0, px, _, y0, _, ny = ds.GetGeoTransform()
    gt = (x0, px, 0.0, y0 + a.shape[0] * ny, 0.0, -ny)
    write(os.path.join(OUT, f"southup_{y}.tif"), a[::-1].copy(), gt, ds.GetProjection())

# Web Mercator copies (nearest neighbour, 30 m pixels aligned on the 30 m grid).
boundary_text = open(os.path.join(STUDY, "boundary.geojson")).read()
refs["merc"] = {"pixel_m2": 900.0, "areas_pixels": {}}
for y in EPOCHS:
    path = os.path.join(OUT, f"merc_{y}.tif")
    gdal.Warp(path, os.path.join(STUDY, f"lc_{y}.tif"), dstSRS="EPSG:3857", xRes=30, yRes=30, targetAlignedPixels=True,
              resampleAlg="near", srcNodata=0, dstNodata=0, creationOptions=CREATE)
    refs["merc"]["areas_pixels"][str(y)] = counts_inside(path, boundary_text)

# NoData tag on a mapped code.
ds, a = read(os.path.join(STUDY, "lc_2010.tif"))
write(os.path.join(OUT, "nodata11_2010.tif"), a, ds.GetGeoTransform(), ds.GetProjection(), nodata=11)

# Every pixel NoData; and no construction land (51 → 11) in 2000.
ds, a = read(os.path.join(STUDY, "lc_2010.tif"))
write(os.path.join(OUT, "allnodata_2010.tif"), np.zeros_like(a), ds.GetGeoTransform(), ds.GetProjection())
ds, a = read(os.path.join(STUDY, "lc_2000.tif"))
write(os.path.join(OUT, "noconstruction_2000.tif"), np.where(a == 51, 11, a).astype(np.uint8), ds.GetGeoTransform(), ds.GetProjection())

# Boundaries, in the study's Albers pixel frame, turned into WGS84.
ds, _ = read(os.path.join(STUDY, "lc_2000.tif"))
x0, px, _, y0, _, ny = ds.GetGeoTransform()
albers = osr.SpatialReference(wkt=ds.GetProjection())
albers.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_wgs = osr.CoordinateTransformation(albers, wgs)


def lonlat(c, r):
    lon, lat, _ = to_wgs.TransformPoint(x0 + c * px, y0 + r * ny)
    return [round(lon, 7), round(lat, 7)]


def ring(points):
    pts = [lonlat(c, r) for c, r in points]
    return pts + [pts[0]]


def save(name, geometry):
    text = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": name}, "geometry": geometry}]})
    with open(os.path.join(OUT, f"{name}.geojson"), "w") as f:
        f.write(text)
    return text


outer = [(10, 8), (232, 15), (228, 192), (14, 185)]
inner = [(60, 60), (60, 80), (85, 80), (85, 60)]
multi = save("boundary_multi_inside", {"type": "MultiPolygon", "coordinates": [[ring(outer)], [ring(inner)]]})
refs["multi_inside"] = {y: counts_inside(os.path.join(STUDY, f"lc_{y}.tif"), multi) for y in map(str, EPOCHS)}

beyond_outer = [(10, 8), (340, 15), (336, 192), (14, 185)]
beyond = save("boundary_beyond", {"type": "Polygon", "coordinates": [ring(beyond_outer)]})
refs["beyond"] = {y: counts_inside(os.path.join(STUDY, f"lc_{y}.tif"), beyond) for y in map(str, EPOCHS)}
# Coverage: the polygon in the rasters' CRS (vertices projected, edges straight) ∩ the rasters' extent.
poly = ogr.CreateGeometryFromJson(json.dumps({"type": "Polygon", "coordinates": [ring(beyond_outer)]}))
poly.AssignSpatialReference(wgs)
poly.TransformTo(albers)
W, H = ds.RasterXSize, ds.RasterYSize
extent = ogr.CreateGeometryFromWkt(
    f"POLYGON(({x0} {y0},{x0 + W * px} {y0},{x0 + W * px} {y0 + H * ny},{x0} {y0 + H * ny},{x0} {y0}))")
refs["beyond_coverage"] = poly.Intersection(extent).GetArea() / poly.GetArea()

# A boundary reaching over the rasters' NoData strip (columns 0-5): NoData share per epoch.
strip = save("boundary_nodata_strip", {"type": "Polygon", "coordinates": [ring([(2, 8), (232, 15), (228, 192), (2, 185)])]})
refs["nodata_strip"] = {}
for y in map(str, EPOCHS):
    c = counts_inside(os.path.join(STUDY, f"lc_{y}.tif"), strip)
    ds2, a = read(os.path.join(STUDY, f"lc_{y}.tif"))
    vec = gdal.OpenEx(strip, gdal.OF_VECTOR)
    mem = gdal.GetDriverByName("MEM").Create("", ds2.RasterXSize, ds2.RasterYSize, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(ds2.GetGeoTransform())
    mem.SetProjection(ds2.GetProjection())
    gdal.RasterizeLayer(mem, [1], vec.GetLayer(0), burn_values=[1])
    m = mem.GetRasterBand(1).ReadAsArray().astype(bool)
    refs["nodata_strip"][y] = {"pixels": c, "nodata_share": float((a[m] == 0).sum() / m.sum())}

with open(os.path.join(HERE, "references.json"), "w") as f:
    json.dump(refs, f, indent=1, sort_keys=True)
print("wrote", OUT, "and references.json")
