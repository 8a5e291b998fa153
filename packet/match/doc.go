// Package match finds, for a listing picture, the camera original it was
// made from: the evidence that the seller's listing pictures are the
// seller's own photos.
//
// Sellers publish a cut of an original (down to a quarter of it, anywhere
// in it), scaled down and recompressed, sometimes mirrored or turned,
// padded to a square, with a banner, a price tag, a text or a watermark
// on top, its colours changed; or a screenshot of the listing page as a
// phone shows it. Of keeps, of every picture, a Fingerprint: its pixel
// size; a luminance thumbnail of at most 6912 pixels (96×72 for 4:3) and
// colour thumbnails (Cb and Cr) of half its width and height; and where
// its content is (10538 bytes in all). Best searches each original for the region that looks
// most like the listing picture, and measures how alike they are.
//
// # Content
//
// The content is the picture inside its padding bars, or the photo inside
// a phone screenshot: a luma that many pixels have exactly (a page colour:
// bars, the page's background, a status bar, a banner drawn in one colour;
// a photo's backdrop shades off instead) makes a row plain when 60 % of it
// is within 2 levels of it; the content is the tallest run of rows that
// are not plain, and within it the widest run of columns that are not.
// The listing picture is searched for as a whole, and its content too when
// that is less.
//
// # Search
//
// The listing picture (or its content) is taken to be a region of the
// original of its aspect ratio, turned in any of 8 ways (mirrored or not,
// rotated by 0, 90, 180 or 270°: the region's aspect ratio turns with it),
// from as large as the original allows down to half that in each
// direction, but no less than 15 % of the original's area. A coarse grid
// of sizes (each 0.9 of the last) and positions (11 % of the region's side
// apart) is compared on 6×6 cells; the 6 best regions, each in every
// orientation, on 12×12 cells; the 3 best are refined by a pattern search
// on position and size, the best of them to 0.5 % of its side.
//
// # Distance
//
// A region is compared with the listing picture three ways, each from 0
// (the same) to 100 (nothing in common):
//
//   - luminance: both averaged onto 12×12 cells, and the share of the
//     listing's variation that the region does not explain once brightness
//     and contrast are matched: for the cells, dI = √(1 − r²), r their
//     correlation; for the differences between neighbouring cells,
//     dG = √(1 − c²), c their cosine; 100·√((dI² + dG²) / 2). It is measured
//     on the whole listing picture, on its centre (its top and bottom
//     sixths and its corners a quarter wide and a third high left out,
//     where banners, badges and price tags go), and, for an overlay
//     elsewhere (a text across it), on all of it less the fifth of the
//     cells the region explains worst.
//   - detail: the same on 24×24 cells, which the search did not look at
//     (less the fifth it explains worst): a region picked among thousands
//     for its likeness on the coarse cells must also be alike in its
//     details.
//   - colour: where the original is coloured (its 12×12 cells 8 chroma
//     levels or more from its median colour, its backdrop's as a rule),
//     the share of those cells whose colour the listing picture does not
//     keep (its hue more than 45° off, or less than half as strong, each
//     side's median colour taken off: a colour cast is no difference), or
//     the mean hue error of the best three quarters of them if that is
//     more. Colour the listing picture has and the original lacks does not
//     count (banners and price tags are red).
//
// Distance is the largest of the three, and no less than their sum over
// 1.8 (a region a little unlike in all three respects is as far as one
// clearly unlike in one). Threshold is 25. A listing picture whose detail
// is under a tenth of its variation (a bare backdrop, a gradient) is too
// plain to tell where it comes from, and matches nothing.
//
// # Measured rates
//
// TestRates builds the benchmark in code: 20 synthetic product photos
// (mostly on the same white studio sweep, different products: the hard
// case) and the shared corpus's photos (11 decodable ones; the corpus's
// other 11 and 20 more synthetic scenes are the unrelated pictures) are
// made into listing pictures by every transformation below, and so are
// the unrelated pictures and 20 look-alikes (the scenes' products in other
// colours, moved by 4 %). Every picture is scaled to 512 pixels as package
// evidence does, and each listing picture compared with each original
// alone, as package exhibit does: it is right when its own original only
// is close, wrong when another one is. `go test ./packet/match -run
// TestRates -v -measure` prints (threshold 25):
//
//	listing picture                    right        wrong  missed  false: unrelated  look-alikes  pHash
//	downscaled to 640 px, JPEG q85     31/31         0      0       0/31              0/20         31/31
//	800 px, JPEG quality 40            31/31         0      0       0/31              0/20         30/31
//	crop 50 % of the area              29/31         0      2       0/31              0/20          0/31
//	crop 25 % of the area              30/31         0      1       1/31              0/20          0/31
//	square crop 25-40 %                31/31         0      0       0/31              0/20          0/31
//	square crop 60-75 %                31/31         0      0       2/31              0/20          0/31
//	padded to a square                 31/31         0      0       0/31              0/20         12/31
//	mirrored                           31/31         0      0       0/31              0/20          0/31
//	rotated 90°, 180°, 270°            93/93         0      0       0/93              0/60          0/93
//	banner 12 %                        31/31         0      0       0/31              1/20         24/31
//	price tag                          30/31         0      1       0/31              0/20          0/31
//	text overlay                       28/31         0      3       0/31              0/20         28/31
//	watermark + logo                   31/31         0      0       0/31              0/20         19/31
//	saturation +60 %, -40 %            62/62         0      0       0/62              1/40         62/62
//	warm filter, brightness, contrast  27/31         0      4       0/31              0/20         31/31
//	phone screenshot                   29/31         0      2       0/31              0/20          0/31
//	screenshot, top half               29/31         1      1       0/31              0/20          0/31
//	crop 40 % + mirror + banner + q50  31/31         0      0       0/31              2/20          0/31
//	all                                636/651 (97.7 %), 1 wrong (0.2 %), 14 missed (2.2 %);
//	                                   false matches 3/651 unrelated (0.5 %), 4/420 look-alikes (1.0 %)
//	corpus photos only                 230/231 right (99.6 %), no false match
//
// pHash is what a 64-bit perceptual hash of the whole picture
// (goimagehash) at its usual threshold 10 gets right. A plain `go test`
// runs 6 scenes and 4 corpus photos and asserts at least 95 % right and at
// most 1 % false matches of unrelated pictures; -short skips the
// measurement, and so does the race detector (many times slower).
//
// # Cost
//
// Of reads every pixel once: 2.3 ms for the 512×384 picture package
// evidence gives it, on one core. Best costs 0.8 ms per original per
// listing picture on one core (TestCaseCPU: 1.85 s of CPU for 2400
// pairs), and Table shares the pairs among the cores: BenchmarkCase60x40
// (60 listing pictures against 40 originals, from fingerprints) takes
// 0.96 s on 2 idle cores (1.9 s of CPU). Best is safe for concurrent use;
// it keeps its working memory in a pool.
//
// # Limits
//
//   - Not searched, so missed: cuts under half the largest region of
//     their shape in width and height (a quarter of it in area), or under
//     15 % of the original; pictures turned by other than quarter turns;
//     collages of several photos.
//   - Missed sometimes: a text over the product's coloured parts, or a
//     strong warm filter on a product of weak colour (the colour check
//     sees another hue: 2 of the 3 text overlays and the 4 warm filters
//     missed above); a cut, a screenshot or a crop that leaves mostly
//     backdrop, which other studio photos explain as well.
//   - Missed always: a listing picture turned grey (TestColour), or its
//     colours weakened to less than half.
//   - Look-alikes: the same product in another colour, shot the same way,
//     is told apart by its colour (the demo's black and blue cases); one
//     whose product is grey or shows little colour can match (1 % above).
//   - The input must be upright: the caller applies the EXIF orientation.
//   - Pictures under about 64 pixels a side are too small to compare.
//   - Distances are computed so that fused multiply-add cannot change them:
//     the same on every CPU.
package match
