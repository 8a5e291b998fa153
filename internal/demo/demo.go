// Package demo generates testdata/demo, the small realistic case that
// `appealpacket build testdata/demo` runs on out of the box: camera-like
// product photos with EXIF (one stored rotated, Orientation 6), a listing
// picture made from one of them, a trademark registration certificate, a
// two-link authorization chain (owner → distributor → seller) and an
// invoice, in English and Chinese.
//
// Everything is drawn by code, deterministically, so the committed files
// can be regenerated and compared: go test ./internal/demo -update.
package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"appealpacket/assets"
	"appealpacket/internal/fixture"
	"appealpacket/internal/jpegcodec"
)

// Files returns every file of the demo case, by slash path relative to the
// case folder.
func Files() (map[string][]byte, error) {
	g, err := newGenerator()
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{"case.yaml": []byte(manifest)}
	shots := []shot{
		{name: "IMG_0412.JPG", w: 2400, h: 1800, body: color.RGBA{38, 40, 46, 255}, x: 0.50, y: 0.55, scale: 1.0, buds: true,
			taken: "2023:10:14 10:21:37", seed: 1},
		{name: "IMG_0415.JPG", w: 2400, h: 1800, body: color.RGBA{236, 236, 232, 255}, x: 0.42, y: 0.57, scale: 0.85,
			taken: "2023:10:14 10:26:05", seed: 2},
		{name: "IMG_0431.JPG", w: 1200, h: 1600, body: color.RGBA{52, 84, 140, 255}, x: 0.5, y: 0.52, scale: 0.9, buds: true,
			taken: "2023:10:15 15:02:48", seed: 3, orientation: 6},
	}
	var first image.Image
	for _, s := range shots {
		img := g.photo(s)
		if first == nil {
			first = img
		}
		b, err := photoJPEG(img, s)
		if err != nil {
			return nil, err
		}
		out["originals/"+s.name] = b
	}
	listing, err := g.listing(first)
	if err != nil {
		return nil, err
	}
	out["listing/main.jpg"] = listing
	for name, fn := range map[string]func() ([]byte, error){
		"certs/tm-bartech-12345678.pdf": g.certificate,
		"auth/loa-bartech-huaxin.pdf":   g.letterOwner,
		"auth/loa-huaxin-lumen.pdf":     g.letterDistributor,
		"other/invoice-HX20230917.pdf":  g.invoice,
	} {
		b, err := fn()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = b
	}
	return out, nil
}

// FilesZh returns every file of the Chinese demo case (testdata/demo-zh):
// the same evidence, described by a Chinese seller in a case.yaml with
// language: zh.
func FilesZh() (map[string][]byte, error) {
	files, err := Files()
	if err != nil {
		return nil, err
	}
	files["case.yaml"] = []byte(manifestZh)
	return files, nil
}

// Write writes the demo case into dir.
func Write(dir string) error { return write(dir, Files) }

// WriteZh writes the Chinese demo case into dir.
func WriteZh(dir string) error { return write(dir, FilesZh) }

func write(dir string, make func() (map[string][]byte, error)) error {
	files, err := make()
	if err != nil {
		return err
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

const manifest = `# The demo case of appealpacket: a seller accused of using a photo studio's
# pictures, with its own camera originals, the brand's registration and a
# two-link authorization chain. Build it with:
#   go run ./cmd/appealpacket build testdata/demo -o out/
version: 1
case:
  id: IPP-2024-0001234
  platform: aliexpress
  type: image-theft
  complaint_date: 2024-03-20
  complainant: "深圳市星光摄影工作室 (Shenzhen Starlight Photo Studio)"
  language: en
  prepared: 2024-03-25
seller:
  legal_name: "Shenzhen Lumen Home Goods Co., Ltd."
  store: "Lumen Home Store"
  store_id: "1102345678"
  aliases: ["深圳市流明家居用品有限公司"]
listings:
  - id: "1005006543210"
    title: "BARTECH wireless earbuds with charging case"
    url: "https://www.aliexpress.com/item/1005006543210.html"
    published: 2023-11-02
    images: [listing/main.jpg]
photos:
  - path: originals/
    listing: "1005006543210"
    note: "studio session for the listing"
trademarks:
  - id: TM1
    mark: BARTECH
    number: "12345678"
    office: CNIPA
    classes: [9]
    owner: "Bartech Electronics (Shenzhen) Co., Ltd."
    status: registered
    filed: 2020-03-02
    registered: 2021-05-14
    expires: 2031-05-13
    files: [certs/tm-bartech-12345678.pdf]
authorizations:
  - id: AUTH1
    grantor: "Bartech Electronics (Shenzhen) Co., Ltd."
    grantee: "Guangzhou Huaxin Trading Co., Ltd."
    trademarks: [TM1]
    platforms: [aliexpress, amazon]
    territories: [worldwide]
    goods: "earphones, headphones and charging cases (class 9)"
    sublicense: true
    from: 2023-01-01
    to: 2025-12-31
    files: [auth/loa-bartech-huaxin.pdf]
  - id: AUTH2
    grantor: "Guangzhou Huaxin Trading Co., Ltd."
    grantee: "Shenzhen Lumen Home Goods Co., Ltd."
    trademarks: [TM1]
    platforms: [aliexpress]
    territories: [worldwide]
    goods: "earphones and charging cases (class 9)"
    from: 2023-06-01
    to: 2025-05-31
    files: [auth/loa-huaxin-lumen.pdf]
documents:
  - path: other/invoice-HX20230917.pdf
    kind: invoice
    title: "Purchase invoice HX20230917 from Guangzhou Huaxin Trading"
    date: 2023-09-17
`

// manifestZh is the demo case as a Chinese seller writes it: Chinese
// names with their English aliases, a Chinese listing title and statement.
const manifestZh = `# appealpacket 的中文演示案例：卖家被指盗用摄影工作室的图片，
# 附有自己的相机原图、品牌注册证和两级授权链。生成证据材料：
#   go run ./cmd/appealpacket build testdata/demo-zh -o out/
version: 1
case:
  id: IPP-2024-0001234
  platform: aliexpress
  type: image-theft
  complaint_date: 2024-03-20
  complainant: "深圳市星光摄影工作室 (Shenzhen Starlight Photo Studio)"
  language: zh
  prepared: 2024-03-25
  statement: "上述照片均由我方员工于 2023 年 10 月在深圳公司样品间使用公司相机拍摄，相机及存储卡中的原始文件至今保存完好，可随时提供核验。"
seller:
  legal_name: "深圳市流明家居用品有限公司"
  store: "Lumen Home Store"
  store_id: "1102345678"
  aliases: ["Shenzhen Lumen Home Goods Co., Ltd."]
listings:
  - id: "1005006543210"
    title: "BARTECH 无线蓝牙耳机（带充电盒）"
    url: "https://www.aliexpress.com/item/1005006543210.html"
    published: 2023-11-02
    images: [listing/main.jpg]
photos:
  - path: originals/
    listing: "1005006543210"
    note: "为商品详情页拍摄"
trademarks:
  - id: TM1
    mark: BARTECH
    number: "12345678"
    office: CNIPA
    classes: [9]
    owner: "巴泰电子（深圳）有限公司"
    status: registered
    filed: 2020-03-02
    registered: 2021-05-14
    expires: 2031-05-13
    files: [certs/tm-bartech-12345678.pdf]
authorizations:
  - id: AUTH1
    grantor: "巴泰电子（深圳）有限公司"
    grantee: "广州华信贸易有限公司"
    trademarks: [TM1]
    platforms: [aliexpress, amazon]
    territories: [worldwide]
    goods: "耳机、头戴式耳机及充电盒（第 9 类）"
    sublicense: true
    from: 2023-01-01
    to: 2025-12-31
    files: [auth/loa-bartech-huaxin.pdf]
  - id: AUTH2
    grantor: "广州华信贸易有限公司"
    grantee: "深圳市流明家居用品有限公司"
    trademarks: [TM1]
    platforms: [aliexpress]
    territories: [worldwide]
    goods: "耳机及充电盒（第 9 类）"
    from: 2023-06-01
    to: 2025-05-31
    files: [auth/loa-huaxin-lumen.pdf]
documents:
  - path: other/invoice-HX20230917.pdf
    kind: invoice
    title: "广州华信贸易有限公司采购发票 HX20230917"
    date: 2023-09-17
`

type generator struct {
	sans, bold, cjk []byte
	created         time.Time
}

func newGenerator() (*generator, error) {
	g := &generator{created: time.Date(2024, 3, 25, 9, 0, 0, 0, time.UTC)}
	var err error
	read := func(name string) []byte {
		if err != nil {
			return nil
		}
		var b []byte
		b, err = fs.ReadFile(assets.Fonts, name)
		return b
	}
	g.sans, g.bold, g.cjk = read(assets.SansRegular), read(assets.SansBold), read(assets.CJK)
	if err != nil {
		return nil, err
	}
	return g, nil
}

// shot describes one product photo.
type shot struct {
	name        string
	w, h        int // as viewed
	body        color.RGBA
	x, y, scale float64
	buds        bool
	taken       string
	seed        uint64
	orientation int
}

// photo draws a studio shot of a charging case (and earbuds), as viewed.
func (g *generator) photo(s shot) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, s.w, s.h))
	rng := rand.New(rand.NewPCG(s.seed, 7))
	W, H := float64(s.w), float64(s.h)
	cx, cy := s.x*W, s.y*H
	u := min(W, H) * s.scale // scene unit
	cw, ch := 0.62*u, 0.40*u // case size
	r := 0.16 * u
	for py := 0; py < s.h; py++ {
		for px := 0; px < s.w; px++ {
			x, y := float64(px), float64(py)
			// Backdrop: a sweep from light grey to white with a vignette.
			t := y / H
			v := 0.80 + 0.16*t - 0.10*(math.Pow((x-W/2)/W, 2)+math.Pow((y-H/2)/H, 2))
			c := [3]float64{v * 250, v * 248, v * 244}
			// Soft shadow under the case.
			sd := math.Hypot((x-cx)/(cw*0.62), (y-(cy+ch*0.52))/(ch*0.16))
			if sd < 1.6 {
				k := 1 - 0.35*smooth(1.6, 0.4, sd)
				c = [3]float64{c[0] * k, c[1] * k, c[2] * k}
			}
			// Case body: a rounded rectangle shaded top to bottom.
			d := roundRect(x-cx, y-cy, cw/2, ch/2, r)
			if d < 1 {
				a := clamp(0.5 - d)
				shade := 1.15 - 0.45*(y-(cy-ch/2))/ch
				hl := 0.35 * math.Exp(-math.Pow((y-(cy-ch*0.30))/(ch*0.08), 2)) * math.Exp(-math.Pow((x-cx+cw*0.18)/(cw*0.3), 2))
				b := [3]float64{float64(s.body.R)*shade + 255*hl, float64(s.body.G)*shade + 255*hl, float64(s.body.B)*shade + 255*hl}
				// Lid seam.
				if math.Abs(y-(cy-ch*0.12)) < u*0.004 {
					b = [3]float64{b[0] * 0.55, b[1] * 0.55, b[2] * 0.55}
				}
				// Status LED.
				if math.Hypot(x-cx, y-(cy+ch*0.25)) < u*0.012 {
					b = [3]float64{90, 230, 120}
				}
				for i := range c {
					c[i] = c[i]*(1-a) + b[i]*a
				}
			}
			// Earbuds beside the case.
			if s.buds {
				for _, bx := range []float64{cx + cw*0.72, cx + cw*0.98} {
					e := math.Hypot((x-bx)/(u*0.085), (y-(cy+ch*0.18))/(u*0.11))
					if e < 1.02 {
						a := clamp((1.02 - e) * 40)
						lum := 1.05 - 0.4*(y-(cy+ch*0.07))/(u*0.22)
						b := [3]float64{float64(s.body.R) * lum, float64(s.body.G) * lum, float64(s.body.B) * lum}
						for i := range c {
							c[i] = c[i]*(1-a) + b[i]*a
						}
					}
				}
			}
			n := rng.NormFloat64() * 2.2 // sensor noise
			img.SetRGBA(px, py, color.RGBA{u8(c[0] + n), u8(c[1] + n), u8(c[2] + n), 255})
		}
	}
	// The brand on the lid.
	ink := color.RGBA{235, 235, 235, 255}
	if s.body.R > 128 {
		ink = color.RGBA{60, 60, 66, 255}
	}
	g.text(img, "BARTECH", cx, cy-ch*0.32, u*0.075, ink)
	return img
}

// text draws a label centred at (cx, cy) with a cap height of about size px.
func (g *generator) text(img *image.RGBA, s string, cx, cy, size float64, ink color.RGBA) {
	f, _ := opentype.Parse(g.bold)
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size * 1.4, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return
	}
	defer face.Close()
	d := &font.Drawer{Dst: img, Src: image.NewUniform(ink), Face: face}
	w := d.MeasureString(s)
	d.Dot = fixed.Point26_6{X: fixed.I(int(cx)) - w/2, Y: fixed.I(int(cy + size/2))}
	d.DrawString(s)
}

func roundRect(x, y, hw, hh, r float64) float64 {
	qx, qy := math.Abs(x)-hw+r, math.Abs(y)-hh+r
	return math.Hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - r
}

func smooth(e0, e1, x float64) float64 {
	t := clamp((x - e0) / (e1 - e0))
	return t * t * (3 - 2*t)
}

func clamp(v float64) float64 { return max(0, min(1, v)) }

func u8(v float64) uint8 { return uint8(max(0, min(255, math.Round(v)))) }

// photoJPEG encodes a shot as a camera would: stored rotated when its
// orientation says so, with EXIF naming the camera, lens, serial, time and place.
func photoJPEG(img *image.RGBA, s shot) ([]byte, error) {
	stored := image.Image(img)
	orientation := s.orientation
	if orientation == 0 {
		orientation = 1
	}
	if orientation == 6 { // stored = viewed turned 90° counter-clockwise
		b := img.Bounds()
		rot := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				rot.SetRGBA(y, b.Dx()-1-x, img.RGBAAt(x, y))
			}
		}
		stored = rot
	}
	sb := stored.Bounds()
	return fixture.JPEG(stored, 84, &fixture.EXIF{
		Make: "Canon", Model: "Canon EOS 90D", Serial: "083021004417", Lens: "EF-S18-135mm f/3.5-5.6 IS USM",
		Taken: s.taken, Offset: "+08:00", Orientation: orientation, Width: sb.Dx(), Height: sb.Dy(),
		Lat: 22.543096, Lon: 114.057865, Alt: 18,
	})
}

// listing makes the shop's main picture: a square crop of a photo, scaled
// to 800 px, with a banner, saved without metadata as websites do.
func (g *generator) listing(photo image.Image) ([]byte, error) {
	b := photo.Bounds()
	side := b.Dy() * 9 / 10
	crop := image.Rect(b.Dx()/2-side/2, b.Dy()*55/100-side/2, b.Dx()/2+side/2, b.Dy()*55/100+side/2)
	dst := image.NewRGBA(image.Rect(0, 0, 800, 800))
	draw.CatmullRom.Scale(dst, dst.Bounds(), photo, crop, draw.Src, nil)
	banner := image.Rect(0, 700, 800, 800)
	draw.Draw(dst, banner, image.NewUniform(color.RGBA{200, 30, 40, 255}), image.Point{}, draw.Src)
	g.text(dst, "BARTECH  ·  FREE SHIPPING", 400, 750, 34, color.RGBA{255, 255, 255, 255})
	var buf bytes.Buffer
	err := jpegcodec.Encode(&buf, dst, &jpegcodec.Options{Quality: 82})
	return buf.Bytes(), err
}

// newPDF starts an A4 document with the embedded fonts.
func (g *generator) newPDF(title string) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("sans", "", g.sans)
	pdf.AddUTF8FontFromBytes("sans", "B", g.bold)
	pdf.AddUTF8FontFromBytes("cjk", "", g.cjk)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(g.created)
	pdf.SetModificationDate(g.created)
	pdf.SetTitle(title, true)
	pdf.SetProducer("appealpacket demo generator", true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	return pdf
}

func finish(pdf *fpdf.Fpdf) ([]byte, error) {
	var buf bytes.Buffer
	err := pdf.Output(&buf)
	return buf.Bytes(), err
}

// seal draws a red company seal with the company's name.
func seal(pdf *fpdf.Fpdf, x, y float64, name string) {
	pdf.SetDrawColor(200, 20, 30)
	pdf.SetLineWidth(1.2)
	pdf.Circle(x, y, 19, "D")
	pdf.SetLineWidth(0.5)
	pdf.Circle(x, y, 15.5, "D")
	pdf.SetFillColor(200, 20, 30)
	star := make([]fpdf.PointType, 10)
	for i := range star {
		r := 6.0
		if i%2 == 1 {
			r = 2.5
		}
		a := math.Pi/2 + float64(i)*math.Pi/5
		star[i] = fpdf.PointType{X: x + r*math.Cos(a), Y: y - 2 - r*math.Sin(a)}
	}
	pdf.Polygon(star, "F")
	pdf.SetTextColor(200, 20, 30)
	pdf.SetFont("cjk", "", 7.5)
	w := pdf.GetStringWidth(name)
	pdf.Text(x-w/2, y+12, name)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
}

func (g *generator) certificate() ([]byte, error) {
	pdf := g.newPDF("Trademark Registration Certificate No. 12345678")
	pdf.SetDrawColor(150, 110, 40)
	pdf.SetLineWidth(1.5)
	pdf.Rect(12, 12, 186, 273, "D")
	pdf.SetLineWidth(0.4)
	pdf.Rect(15, 15, 180, 267, "D")
	pdf.SetFont("cjk", "", 30)
	center(pdf, 45, "商标注册证")
	pdf.SetFont("sans", "B", 15)
	center(pdf, 57, "Trademark Registration Certificate")
	pdf.SetFont("sans", "", 11)
	center(pdf, 66, "China National Intellectual Property Administration (CNIPA)")
	pdf.SetFont("sans", "B", 44)
	center(pdf, 100, "BARTECH")
	rows := [][3]string{
		{"注册号", "Registration No.", "12345678"},
		{"核定使用商品", "Goods (class 9)", "Earphones; headphones; charging cases"},
		{"注册人", "Registrant", "Bartech Electronics (Shenzhen) Co., Ltd."},
		{"", "", "巴泰电子（深圳）有限公司"},
		{"注册人地址", "Address", "Nanshan District, Shenzhen, Guangdong, China"},
		{"申请日期", "Filing date", "2020-03-02"},
		{"注册日期", "Registration date", "2021-05-14"},
		{"有效期至", "Valid until", "2031-05-13"},
	}
	y := 125.0
	for _, r := range rows {
		mixed(pdf, 28, y, 11, r[0])
		pdf.SetFont("sans", "", 10)
		pdf.Text(62, y, r[1])
		mixed(pdf, 105, y, 11, r[2])
		y += 11
	}
	seal(pdf, 150, 245, "国家知识产权局商标局")
	mixed(pdf, 28, 262, 10, "局长签发 · Issued by the Trademark Office of CNIPA")
	return finish(pdf)
}

func (g *generator) letter(title string, from, fromCN, to, toCN string, body []string, bodyCN []string, date, sealName string) ([]byte, error) {
	pdf := g.newPDF(title)
	pdf.SetFont("cjk", "", 22)
	center(pdf, 30, "授权书")
	pdf.SetFont("sans", "B", 15)
	center(pdf, 41, "Letter of Authorization")
	y := 58.0
	pdf.SetFont("sans", "", 10.5)
	for _, l := range []string{"Licensor (grantor): " + from, "Licensee (grantee): " + to} {
		pdf.Text(22, y, l)
		y += 7
	}
	for _, l := range []string{"授权方：" + fromCN, "被授权方：" + toCN} {
		mixed(pdf, 22, y, 10.5, l)
		y += 7
	}
	y += 4
	pdf.SetFont("sans", "", 10.5)
	for _, para := range body {
		for _, l := range pdf.SplitText(para, 166) {
			pdf.Text(22, y, l)
			y += 5.6
		}
		y += 3
	}
	for _, para := range bodyCN {
		for _, l := range wrapMixed(pdf, para, 10.5, 166) {
			mixed(pdf, 22, y, 10.5, l)
			y += 6
		}
		y += 3
	}
	pdf.SetFont("sans", "", 10.5)
	pdf.Text(22, 250, "Signed for the licensor, "+date)
	pdf.Line(22, 262, 90, 262)
	pdf.Text(22, 267, "Authorized signatory")
	seal(pdf, 155, 252, sealName)
	return finish(pdf)
}

func (g *generator) letterOwner() ([]byte, error) {
	return g.letter("Letter of Authorization: Bartech Electronics to Guangzhou Huaxin Trading",
		"Bartech Electronics (Shenzhen) Co., Ltd.", "巴泰电子（深圳）有限公司",
		"Guangzhou Huaxin Trading Co., Ltd.", "广州华信贸易有限公司",
		[]string{
			"Grant: Bartech Electronics (Shenzhen) Co., Ltd., owner of the trademark BARTECH (CNIPA registration No. 12345678, class 9), authorizes Guangzhou Huaxin Trading Co., Ltd. to distribute and sell genuine BARTECH earphones, headphones and charging cases, and to use the trademark and the product pictures for that purpose.",
			"Platforms: AliExpress and Amazon. Geographic scope: worldwide. Term: from 2023-01-01 to 2025-12-31.",
			"Sublicensing: the licensee may authorize its own resellers on the platforms above, within the same scope and term.",
		},
		[]string{"巴泰电子（深圳）有限公司授权广州华信贸易有限公司在全球范围内于速卖通及亚马逊平台销售BARTECH品牌耳机及充电盒，并可转授权其经销商。授权期限：2023年1月1日至2025年12月31日。"},
		"2022-12-20", "巴泰电子（深圳）有限公司")
}

func (g *generator) letterDistributor() ([]byte, error) {
	return g.letter("Letter of Authorization: Guangzhou Huaxin Trading to Shenzhen Lumen Home Goods",
		"Guangzhou Huaxin Trading Co., Ltd.", "广州华信贸易有限公司",
		"Shenzhen Lumen Home Goods Co., Ltd. (store: Lumen Home Store)", "深圳市流明家居用品有限公司",
		[]string{
			"Grant: Guangzhou Huaxin Trading Co., Ltd., authorized distributor of BARTECH products under the letter of authorization of Bartech Electronics (Shenzhen) Co., Ltd. dated 2022-12-20, authorizes Shenzhen Lumen Home Goods Co., Ltd. to sell genuine BARTECH earphones and charging cases in its AliExpress store \"Lumen Home Store\" (store ID 1102345678).",
			"Platform: AliExpress. Geographic scope: worldwide. Term: from 2023-06-01 to 2025-05-31.",
		},
		[]string{"广州华信贸易有限公司授权深圳市流明家居用品有限公司在速卖通店铺销售BARTECH品牌耳机及充电盒。授权期限：2023年6月1日至2025年5月31日。"},
		"2023-05-26", "广州华信贸易有限公司")
}

func (g *generator) invoice() ([]byte, error) {
	pdf := g.newPDF("Invoice HX20230917")
	pdf.SetFont("sans", "B", 20)
	pdf.Text(20, 30, "INVOICE")
	pdf.SetFont("cjk", "", 14)
	pdf.Text(20, 39, "发票")
	pdf.SetFont("sans", "", 10)
	lines := []string{
		"Invoice No. HX20230917        Date: 2023-09-17",
		"Seller: Guangzhou Huaxin Trading Co., Ltd., Baiyun District, Guangzhou",
		"Buyer: Shenzhen Lumen Home Goods Co., Ltd., Longhua District, Shenzhen",
	}
	y := 52.0
	for _, l := range lines {
		pdf.Text(20, y, l)
		y += 7
	}
	y += 6
	cols := []float64{20, 95, 125, 150, 178}
	pdf.SetFont("sans", "B", 10)
	for i, h := range []string{"Item", "Qty", "Unit (CNY)", "Amount (CNY)"} {
		pdf.Text(cols[i], y, h)
	}
	pdf.Line(20, y+2, 190, y+2)
	y += 9
	pdf.SetFont("sans", "", 10)
	items := [][4]string{
		{"BARTECH BT-500 earbuds, charcoal", "200", "86.00", "17,200.00"},
		{"BARTECH BT-500 earbuds, white", "150", "86.00", "12,900.00"},
		{"BARTECH BT-500 earbuds, blue", "100", "88.00", "8,800.00"},
	}
	for _, it := range items {
		for i, v := range it {
			pdf.Text(cols[i], y, v)
		}
		y += 7
	}
	pdf.Line(20, y-3, 190, y-3)
	pdf.SetFont("sans", "B", 10)
	pdf.Text(125, y+3, "Total")
	pdf.Text(150, y+3, "38,900.00")
	seal(pdf, 160, 200, "广州华信贸易有限公司")
	return finish(pdf)
}

func center(pdf *fpdf.Fpdf, y float64, s string) {
	w := pdf.GetStringWidth(s)
	pdf.Text(105-w/2, y, s)
}

// wide reports characters drawn with the CJK font.
func wide(r rune) bool { return r >= 0x2E80 }

// mixed draws s at (x, y), switching between the Latin and the CJK font
// run by run (the CJK font has no good Latin letters).
func mixed(pdf *fpdf.Fpdf, x, y, size float64, s string) {
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && wide(rs[j]) == wide(rs[i]) {
			j++
		}
		if wide(rs[i]) {
			pdf.SetFont("cjk", "", size)
		} else {
			pdf.SetFont("sans", "", size)
		}
		run := string(rs[i:j])
		pdf.Text(x, y, run)
		x += pdf.GetStringWidth(run)
		i = j
	}
}

// wrapMixed breaks s into lines of at most width mm, between any two characters.
func wrapMixed(pdf *fpdf.Fpdf, s string, size, width float64) []string {
	var lines []string
	var cur []rune
	w := 0.0
	for _, r := range s {
		if wide(r) {
			pdf.SetFont("cjk", "", size)
		} else {
			pdf.SetFont("sans", "", size)
		}
		cw := pdf.GetStringWidth(string(r))
		if w+cw > width && len(cur) > 0 {
			lines = append(lines, string(cur))
			cur, w = nil, 0
		}
		cur = append(cur, r)
		w += cw
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}
