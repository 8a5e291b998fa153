// Package match finds, for a listing picture, the camera original it was
// cut from: the evidence that the seller's listing pictures are the
// seller's own photos.
//
// Listing pictures are typically a square (or other) cut of an original,
// scaled to about 800 pixels, sometimes padded to a square with white bars,
// with a banner, a badge, a logo or a semi-transparent shop name on top,
// and recompressed. Of keeps, of every picture, a Fingerprint: its pixel
// size, a luminance thumbnail of at most 980 pixels (36×27 for 4:3) and
// where its padding bars are, 1006 bytes in all. Best takes the listing
// picture to be a region of an original with the listing's aspect ratio,
// from as large as the original allows down to 75 % of that size in each
// direction (56 % of its area: a square listing picture may be 42-75 % of a
// 4:3 original), anywhere, and searches each original for the region that
// looks most like it: a coarse grid of sizes and positions, then a pattern
// search that refines the best few.
//
// # Distance
//
// The listing picture and the region are each averaged onto 12×12 cells.
// Two numbers compare them, each the share of the listing picture's
// variation that the region does not explain once brightness and contrast
// are matched: for the cell brightnesses, dI = √(1 − r²), r their
// correlation; for the edges (the differences between neighbouring cells),
// dG = √(1 − c²), c their cosine. Either is 1 when r or c is not positive.
//
//	Distance = round(100 · √((dI² + dG²) / 2))
//
// 0 is the same picture; MaxDistance (100) is nothing in common. A page can
// say "the listing picture differs from original P-3 by 6 (of 100; 25 or
// less is a match)". Overlays: the distance is also measured on the centre
// of the listing picture only (without its top and bottom sixths, nor its
// corners a quarter wide and a third high, where banners, badges and logos
// go), and, for a padded picture, without the bars. Among
// the originals the lowest distance wins; it is reported for the whole
// listing picture unless the centre (Match.Centre) or the unpadded content
// is lower by more than 5.
//
// # Threshold and measured rates
//
// Threshold is 25. The tests build 20 synthetic product photos in code
// (1600×1200, 1200×1600 and 1600×1600; 12 of them on the same white
// studio sweep, different products: the hard case) and make listing
// pictures of each; a miss is a listing picture whose best original is
// not its own or not close, a false match one that is close to another
// original when its own is left out (TestRates logs this table):
//
//	listing picture              miss   false  own distance (median, max)
//	resize 800 px, JPEG q60      0/40   0/40    1,  3
//	centre square                0/20   0/20    6, 11
//	crop 5 %, crop 10 %          0/40   0/40    6-7, 15
//	off-centre square 60-75 %    0/20   0/20    7, 13
//	off-centre crop 60-90 %      0/20   1/20    7, 17
//	watermark + logo             0/20   0/20    6, 19
//	banner 12 %                  0/20   0/20    1,  2
//	square + banner + badge      0/20   0/20    6, 11
//	square + watermark           0/20   0/20    9, 16
//	padded to square             0/20   0/20    6, 13
//	all of the above             0/240  1/240 (0.4 %); 2/4560 listing × other-original pairs
//	not supported: tight square 30-45 % 3/20 missed; mirrored 20/20 missed
//	rotated 2°: 0/20 missed (own distance up to 20)
//
// Unrelated pictures are at 19 or more (median 65); the one false match is
// a listing picture that is mostly bare studio backdrop with a small
// product. At 20 the misses would be 0 % and false matches 0.4 %; at 30,
// 0 % and 0.8 %; at 40, 0 % and 6.2 %. On the shared corpus of 28 real
// photos (TestCorpus), no two originals and no listing picture made of one
// come closer than 48 to another; listing pictures made of each (10 %
// cropped, 800 px, q70; 70 % square with a banner; watermarked; padded to
// a square) are all found, at distance 3-23 (median 9-11).
//
// # Why not a perceptual hash
//
// A 64-bit pHash of the whole picture (goimagehash) does not survive the
// crop: at its usual threshold 10 it misses 4 to 16 of every 20 crops and
// squares above, and all 20 squares with a banner or a watermark (TestRates
// logs these counts too). Hashing many candidate regions of the original and keeping
// the lowest Hamming distance (tried first, with a DCT hash) fixes the
// crops but, by picking the luckiest of ~1000 hashes, matched 50-60 % of
// unrelated pictures of the same studio at distance 10, and still missed
// 65 % of watermarked ones. A thumbnail keeps enough to find the region
// and then compare it cell by cell.
//
// # Cost
//
// Of reads every pixel once: about 5 ms for a 1600×1200 JPEG-decoded
// picture (*image.YCbCr) and 9 ms for an *image.RGBA, on one core;
// *image.Gray and *image.NRGBA are read directly too, other types through
// At. Best costs about 0.6 ms per original per listing picture (twice that
// for a padded one) and is safe for concurrent use.
//
// # Limits
//
//   - Luminance only: the same product recoloured, shot in the same studio
//     a little to the side, can match (5 of 40 such look-alikes did).
//   - Mirrored listing pictures are not found, nor rotated ones beyond a
//     couple of degrees, nor cuts smaller than 56 % of the largest region
//     of their shape, nor collages of several photos.
//   - The input must be upright: the caller applies the EXIF orientation.
//   - Pictures under about 64 pixels a side are too small to compare.
//   - Distances are computed so that fused multiply-add cannot change them:
//     the same on every CPU.
package match
