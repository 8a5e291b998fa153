package collect

import (
	"image"
	"image/draw"

	xdraw "golang.org/x/image/draw"
)

// scale returns src with its long side at most side pixels. JPEG pictures
// (*image.YCbCr) are shrunk plane by plane with an area average and stay
// YCbCr, which the JPEG encoder takes without a colour conversion: several
// times faster than a bilinear scaler into RGBA, and a better filter for
// shrinking (every source pixel counts). Other pictures are drawn onto
// white (transparent parts become white) with x/image/draw.
func scale(src image.Image, side int) image.Image {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > side {
		w = max(1, (w*side+long/2)/long)
		h = max(1, (h*side+long/2)/long)
	}
	if y, ok := src.(*image.YCbCr); ok {
		if w == b.Dx() && h == b.Dy() {
			return y
		}
		return scaleYCbCr(y, w, h)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, xdraw.Over, nil)
	return dst
}

// scaleYCbCr shrinks a YCbCr picture to w×h, 4:2:0.
func scaleYCbCr(src *image.YCbCr, w, h int) *image.YCbCr {
	dst := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	b := src.Bounds()
	// Luma: the source rectangle's own samples.
	yOff := src.YOffset(b.Min.X, b.Min.Y)
	areaResample(src.Y[yOff:], src.YStride, b.Dx(), b.Dy(), dst.Y, dst.YStride, w, h)
	// Chroma: the source's chroma plane for the rectangle, whatever its
	// subsampling, to the destination's half-size planes.
	// Cb[0] is the sample of the rectangle's top-left corner.
	cx0, cy0, cx1, cy1 := chromaRect(src)
	cw, ch := (w+1)/2, (h+1)/2
	areaResample(src.Cb, src.CStride, cx1-cx0, cy1-cy0, dst.Cb, dst.CStride, cw, ch)
	areaResample(src.Cr, src.CStride, cx1-cx0, cy1-cy0, dst.Cr, dst.CStride, cw, ch)
	return dst
}

func ratioX(m *image.YCbCr) int {
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420:
		return 2
	case image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410:
		return 4
	}
	return 1
}

func ratioY(m *image.YCbCr) int {
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio410:
		return 2
	}
	return 1
}

// chromaRect is the rectangle of chroma samples covering the picture's bounds.
func chromaRect(m *image.YCbCr) (x0, y0, x1, y1 int) {
	rx, ry := ratioX(m), ratioY(m)
	b := m.Rect
	return b.Min.X / rx, b.Min.Y / ry, (b.Max.X + rx - 1) / rx, (b.Max.Y + ry - 1) / ry
}

// areaResample shrinks (or stretches) an 8-bit plane of sw×sh samples to
// dw×dh with an area average: each output sample is the mean of the source
// area it covers, weighted by overlap, in fixed point.
//
// The source rows are reduced horizontally as the vertical pass first
// needs them, into a ring of as many rows as the vertical kernel spans:
// the windows of successive output rows only move down, so a row leaves
// the ring once no later window holds it. (A buffer for every reduced row
// was 4·dw·sh bytes, 10 MB for a camera photo's luma.)
func areaResample(src []uint8, sstride, sw, sh int, dst []uint8, dstride, dw, dh int) {
	if sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0 {
		return
	}
	xs := weights(sw, dw)
	ys := weights(sh, dh)
	ring := make([]uint32, dw*ys.k) // horizontally reduced rows, 8.16 fixed point
	held := make([]int, ys.k)       // the source row in each slot of the ring
	for i := range held {
		held[i] = -1
	}
	reduced := func(y int) []uint32 {
		slot := y % ys.k
		out := ring[slot*dw : (slot+1)*dw]
		if held[slot] == y {
			return out
		}
		held[slot] = y
		reduceRow(src[y*sstride:y*sstride+sw], &xs, out)
		return out
	}
	k := ys.k
	var acc []uint64 // more than three rows: summed here
	rows := make([][]uint32, 0, k)
	rowWeights := make([]uint64, 0, k)
	for y := 0; y < dh; y++ {
		start := ys.start[y]
		rows, rowWeights = rows[:0], rowWeights[:0]
		for i, w := range ys.w[y*k : y*k+k] {
			if w != 0 {
				rows, rowWeights = append(rows, reduced(start+i)), append(rowWeights, uint64(w))
			}
		}
		out := dst[y*dstride : y*dstride+dw]
		switch len(rows) {
		case 1:
			r0, w0 := rows[0][:dw], rowWeights[0]
			for x := range out {
				out[x] = uint8(min((uint64(r0[x])*w0+1<<31)>>32, 255))
			}
		case 2:
			r0, r1, w0, w1 := rows[0][:dw], rows[1][:dw], rowWeights[0], rowWeights[1]
			for x := range out {
				out[x] = uint8(min((uint64(r0[x])*w0+uint64(r1[x])*w1+1<<31)>>32, 255))
			}
		case 3:
			r0, r1, r2 := rows[0][:dw], rows[1][:dw], rows[2][:dw]
			w0, w1, w2 := rowWeights[0], rowWeights[1], rowWeights[2]
			for x := range out {
				out[x] = uint8(min((uint64(r0[x])*w0+uint64(r1[x])*w1+uint64(r2[x])*w2+1<<31)>>32, 255))
			}
		default:
			if acc == nil {
				acc = make([]uint64, dw)
			}
			clear(acc)
			for i, in := range rows {
				w := rowWeights[i]
				for x, v := range in {
					acc[x] += uint64(v) * w
				}
			}
			for x, a := range acc {
				out[x] = uint8(min((a+1<<31)>>32, 255))
			}
		}
	}
}

// reduceRow shrinks one source row horizontally by the kernel xs into out
// (8.16 fixed point), with the usual kernel sizes written out.
func reduceRow(row []uint8, xs *kernel, out []uint32) {
	switch xs.k {
	case 1:
		for x := range out {
			out[x] = uint32(row[xs.start[x]]) * xs.w[x]
		}
	case 2:
		for x := range out {
			s, w := xs.start[x], xs.w[2*x:2*x+2:2*x+2]
			t := row[s : s+2 : s+2]
			out[x] = uint32(t[0])*w[0] + uint32(t[1])*w[1]
		}
	case 3:
		for x := range out {
			s, w := xs.start[x], xs.w[3*x:3*x+3:3*x+3]
			t := row[s : s+3 : s+3]
			out[x] = uint32(t[0])*w[0] + uint32(t[1])*w[1] + uint32(t[2])*w[2]
		}
	case 4:
		for x := range out {
			s, w := xs.start[x], xs.w[4*x:4*x+4:4*x+4]
			t := row[s : s+4 : s+4]
			out[x] = uint32(t[0])*w[0] + uint32(t[1])*w[1] + uint32(t[2])*w[2] + uint32(t[3])*w[3]
		}
	default:
		k := xs.k
		for x := range out {
			start := xs.start[x]
			ws := xs.w[x*k : x*k+k]
			taps := row[start : start+k]
			var acc uint32
			for i, w := range ws {
				acc += uint32(taps[i]) * w
			}
			out[x] = acc
		}
	}
}

// kernel holds, for each output sample j, the first source sample start[j]
// and k weights w[j*k:(j+1)*k] (zero-padded) that sum to 1<<16.
type kernel struct {
	k     int
	start []int
	w     []uint32
}

// weights computes the area-average kernel from m source samples to n.
func weights(m, n int) kernel {
	scale := float64(m) / float64(n)
	k := 1
	if scale > 1 {
		k = int(scale) + 2
	}
	k = min(k, m)
	kn := kernel{k: k, start: make([]int, n), w: make([]uint32, n*k)}
	for j := 0; j < n; j++ {
		ws := kn.w[j*k : j*k+k]
		if scale <= 1 { // stretching: the nearest source sample
			kn.start[j] = min(int((float64(j)+0.5)*scale), m-1)
			ws[0] = 1 << 16
			continue
		}
		lo, hi := float64(j)*scale, float64(j+1)*scale
		start := min(int(lo), m-k)
		kn.start[j] = start
		var sum uint32
		big := 0
		for i := 0; i < k; i++ {
			a, b := max(lo, float64(start+i)), min(hi, float64(start+i+1))
			if b <= a {
				continue
			}
			ws[i] = uint32((b - a) / scale * (1 << 16))
			sum += ws[i]
			if ws[i] > ws[big] {
				big = i
			}
		}
		ws[big] += 1<<16 - sum // the rounding remainder
	}
	return kn
}
