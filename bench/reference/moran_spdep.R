# Reference for `npm run bench`: the same job as `atlas moran GRID.csv --x x --y y`
# in R spdep: queen contiguity on the grid's (row, col), row-standardised,
# global bivariate Moran (moran_bv, permutation bootstrap) and bivariate LISA
# (localmoran_bv), NSIM permutations each.
# Usage: Rscript moran_spdep.R GRID.csv NSIM
suppressMessages({
  library(spdep)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
nsim <- as.integer(args[2])
d <- read.csv(args[1])
nb <- dnearneigh(cbind(d$col, d$row), 0, 1.5) # queen on the unit grid
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
g <- moran_bv(d$x, d$y, lw, nsim = nsim)
l <- localmoran_bv(d$x, d$y, lw, nsim = nsim)
cat(toJSON(list(n = nrow(d), I = g$t0, nsim = nsim, local = nrow(l)), auto_unbox = TRUE), "\n")
