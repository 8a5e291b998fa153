package exif

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// identify recognises the maker-note format, in ExifTool's order of tests
// (Image::ExifTool::MakerNotes::Main: the header first where there is
// one, the camera make otherwise), sets n.group and returns the parser;
// nil when the format is not one read here.
func (n *makerNote) identify() func(*makerNote) {
	d := n.data
	has := func(prefix string) bool { return bytes.HasPrefix(d, []byte(prefix)) }
	upperMake := strings.ToUpper(n.make)
	set := func(group string, parse func(*makerNote)) func(*makerNote) {
		n.group = group
		return parse
	}
	switch {
	case has("Apple iOS\x00"):
		return set("Apple", parseApple)
	case has("Nikon\x00\x02"):
		return set("Nikon", parseNikonType3)
	case strings.HasPrefix(n.make, "Canon"):
		return set("Canon", parseCanon)
	case has("FUJIFILM"), has("GENERALE"):
		return set("FujiFilm", parseFujiFilm)
	case has("Nikon\x00\x01"):
		return nil // Nikon type 2 (early Coolpix): no serial or lens
	case strings.HasPrefix(upperMake, "NIKON"):
		return set("Nikon", parseNikonType1)
	case has("OLYMP\x00"), has("EPSON\x00"):
		return set("Olympus", func(n *makerNote) { parseOlympus(n, 8, false) })
	case has("OLYMPUS\x00"):
		return set("Olympus", func(n *makerNote) { parseOlympus(n, 12, true) })
	case has("OM SYSTEM\x00"):
		return set("Olympus", func(n *makerNote) { parseOlympus(n, 16, true) })
	case n.make == "LEICA", strings.HasPrefix(n.make, "Leica Camera AG"), has("LEICA"):
		return nil // Leica's many variants are not read
	case has("Panasonic"):
		return set("Panasonic", parsePanasonic)
	case has("AOC\x00") && !pentaxCasioModel(n.model):
		return set("Pentax", parsePentaxAOC)
	case has("PENTAX \x00"):
		return set("Pentax", func(n *makerNote) { parsePentaxAt(n, 10) })
	case has("RICOH\x00II"), has("RICOH\x00MM"):
		return set("Pentax", func(n *makerNote) { parsePentaxAt(n, 8) })
	case upperMake == "SAMSUNG" && samsungType2Header(d):
		return set("Samsung", parseSamsung)
	case has("SONY DSC"), has("SONY CAM"), has("SONY MOBILE"), has("\x00\x00SONY PIC\x00"), has("VHAB     \x00"):
		return set("Sony", func(n *makerNote) { parseSony(n, 12) })
	case has("SONY PI\x00"), has("PREMI\x00"), has("SONY PIC\x00"):
		return nil // Olympus-style and PIC Sony notes: no serial
	case strings.HasPrefix(n.make, "SONY") && !has("\x01\x00"):
		return set("Sony", func(n *makerNote) { parseSony(n, 0) })
	}
	return nil
}

// parseApple: Apple's maker notes (MakerNoteVersion, run time, HDR and
// focus data) carry no serial and no lens; the lens is in ExifIFD.
func parseApple(*makerNote) {}

// mainIFD reads the main IFD of a maker note whose header is skip bytes
// long; value offsets count from block position base. order is the IFD's
// byte order, nil for ExifTool's guess (see walker). It returns nils,
// reported, when the note is shorter than its header or the IFD unusable.
func (n *makerNote) mainIFD(skip int, base int64, order binary.ByteOrder) (*mnWalker, *mnDir) {
	if !n.hasHeader(skip + 2) {
		return nil, nil
	}
	return n.mainIFDAt(n.pos+int64(skip), base, order)
}

// hasHeader reports whether the note holds size bytes, and warns if not.
func (n *makerNote) hasHeader(size int) bool {
	if len(n.data) >= size {
		return true
	}
	n.warnf("EXIF %s maker notes: %d bytes (% x …) are too short for their header; ignored",
		n.group, len(n.data), n.data[:min(len(n.data), 8)])
	return false
}

// mainIFDAt reads the main IFD at block position at (see mainIFD).
func (n *makerNote) mainIFDAt(at, base int64, order binary.ByteOrder) (*mnWalker, *mnDir) {
	if order == nil {
		order = guessOrder(n.block, at, n.order)
	}
	w := &mnWalker{group: n.group, block: n.block, order: order, base: base, warnf: n.warnf, visited: map[int64]bool{}}
	d := w.readIFD("main IFD", at)
	if d == nil {
		return nil, nil
	}
	return w, d
}

// Canon: an IFD at the start of the maker note, offsets relative to the
// TIFF header, corrected by the footer Canon writes (see canonFooterFix).
func parseCanon(n *makerNote) {
	w, d := n.mainIFD(0, 0, nil)
	if d == nil {
		return
	}
	w.canonFooterFix(d, n.pos, len(n.data))
	if v, ok := w.uint(d, 0x000C, "SerialNumber"); ok {
		n.add("SerialNumber", canonSerial(v, n.model), decimal(v))
	}
	n.add("InternalSerialNumber", canonInternalSerial(w, d, n.model), "")
	n.add("LensModel", w.text(d, 0x0095, "LensModel"), "")
	// LensInfo (0x4019): its first 5 bytes are a lens serial, printed in
	// hex; ExifTool skips it when it starts with 4 zero bytes.
	if li := w.value(d, 0x4019, "LensInfo"); len(li) >= 5 && !bytes.Equal(li[:4], []byte{0, 0, 0, 0}) {
		n.add("LensSerialNumber", hex.EncodeToString(li[:5]), "")
	}
}

// canonSerial prints Canon's SerialNumber (0x000C, an integer) as ExifTool
// does: the EOS D30 as hex and decimal halves, the EOS-1D family with six
// digits, every other model with ten.
func canonSerial(v uint32, model string) string {
	switch {
	case wordPrefix(model, "EOS D30"):
		return fmt.Sprintf("%04x%05d", v>>16, v&0xffff)
	case strings.Contains(model, "EOS-1D"):
		return fmt.Sprintf("%06d", v)
	}
	return fmt.Sprintf("%010d", v)
}

// wordPrefix reports whether s contains word followed by a word boundary
// (the regular expression /word\b/).
func wordPrefix(s, word string) bool {
	i := strings.Index(s, word)
	if i < 0 {
		return false
	}
	rest := s[i+len(word):]
	if rest == "" {
		return true
	}
	c := rest[0]
	return !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
}

// canonInternalSerial reads 0x0096: for the EOS 5D family a binary
// SerialInfo record with the text at byte 9, otherwise text whose trailing
// 0xFF bytes (Kiss X3) are dropped.
func canonInternalSerial(w *mnWalker, d *mnDir, model string) string {
	e, ok := d.entries[0x0096]
	if !ok || e.size > maxMakerNoteText {
		return w.text(d, 0x0096, "InternalSerialNumber") // reports the oversized value
	}
	v := w.value(d, 0x0096, "InternalSerialNumber")
	if strings.Contains(model, "EOS 5D") {
		if len(v) <= 9 {
			return ""
		}
		s, _ := entryText(typeASCII, v[9:])
		return s
	}
	if i := bytes.IndexByte(v, 0); i >= 0 {
		v = v[:i]
	}
	s, ok := entryText(e.typ, bytes.TrimRight(v, "\xff"))
	if !ok && v != nil {
		w.warnf("EXIF Canon maker notes: InternalSerialNumber has format %d, not text; ignored", e.typ)
	}
	return s
}

// Nikon type 3 ("Nikon\0\x02…"): a TIFF header of its own at byte 10,
// the IFD at byte 18, offsets relative to that header.
func parseNikonType3(n *makerNote) {
	readNikonIFD(n, n.pos+10, 18)
}

// Nikon type 1 (older models): the IFD at the start of the maker note,
// offsets relative to the EXIF TIFF header.
func parseNikonType1(n *makerNote) {
	readNikonIFD(n, 0, 0)
}

// readNikonIFD reads the body serial: 0x001D (plain text, also the key
// Nikon encrypts other blocks with, which are not read), else 0x00A0.
// The lens name is only inside the encrypted LensData and is not read.
func readNikonIFD(n *makerNote, base int64, skip int) {
	w, d := n.mainIFD(skip, base, nil)
	if d == nil {
		return
	}
	n.add("SerialNumber", w.text(d, 0x001D, "SerialNumber"), "")
	n.add("SerialNumber", w.text(d, 0x00A0, "SerialNumber"), "")
}

// Olympus: the IFD after the header ("OLYMP\0"/"EPSON\0": 8 bytes,
// offsets relative to the TIFF header; "OLYMPUS\0II\3\0": 12 bytes and
// "OM SYSTEM\0…": 16 bytes, offsets relative to the maker note). The body
// and lens identity is in the Equipment IFD (0x2010), stored either as an
// IFD pointer or as an UNDEFINED block that holds the IFD.
func parseOlympus(n *makerNote, skip int, relative bool) {
	var base int64
	if relative {
		base = n.pos
	}
	w, d := n.mainIFD(skip, base, nil)
	if d == nil {
		return
	}
	if eq := olympusEquipment(w, d); eq != nil {
		n.add("SerialNumber", w.text(eq, 0x0101, "SerialNumber"), "")
		n.add("InternalSerialNumber", w.text(eq, 0x0102, "InternalSerialNumber"), "")
		n.add("LensSerialNumber", w.text(eq, 0x0202, "LensSerialNumber"), "")
		n.add("LensModel", w.text(eq, 0x0203, "LensModel"), "")
	}
	// Older models: SerialNumber in the main IFD (ExifTool shows the
	// Equipment one, read last, when both exist).
	n.add("SerialNumber", w.text(d, 0x101A, "SerialNumber"), "")
	n.add("SerialNumber", w.text(d, 0x0404, "SerialNumber"), "")
}

func olympusEquipment(w *mnWalker, d *mnDir) *mnDir {
	e, ok := d.entries[0x2010]
	if !ok {
		return nil
	}
	if e.typ == typeIFD || e.typ == typeLong {
		off, ok := w.uint(d, 0x2010, "Equipment")
		if !ok {
			return nil
		}
		return w.readIFD("Equipment IFD", w.base+int64(off))
	}
	if e.size <= 4 {
		return nil
	}
	pos, ok := w.valuePos(e)
	if !ok {
		w.warnf("EXIF Olympus maker notes: Equipment (%d bytes at offset %d) lies outside the %d-byte EXIF block; ignored",
			e.size, e.raw, len(w.block))
		return nil
	}
	// An embedded IFD of unknown byte order, offsets on the same base.
	order := w.order
	w.order = guessOrder(w.block, pos, order)
	eq := w.readIFD("Equipment IFD", pos)
	if eq == nil {
		w.order = order
	}
	return eq
}

// FujiFilm: "FUJIFILM", then the little-endian offset of the IFD; all
// offsets relative to the maker note, always little-endian.
func parseFujiFilm(n *makerNote) {
	if !n.hasHeader(12) {
		return
	}
	at := n.pos + int64(binary.LittleEndian.Uint32(n.data[8:]))
	w, d := n.mainIFDAt(at, n.pos, binary.LittleEndian)
	if d == nil {
		return
	}
	n.add("InternalSerialNumber", w.text(d, 0x0010, "InternalSerialNumber"), "")
}

// Panasonic: "Panasonic\0\0\0", the IFD at byte 12, offsets relative to
// the TIFF header (for the DC-FT7, to 12 bytes after it, as ExifTool).
// LensType is the lens name of the interchangeable-lens models.
func parsePanasonic(n *makerNote) {
	var base int64
	if n.model == "DC-FT7" {
		base = 12
	}
	w, d := n.mainIFD(12, base, nil)
	if d == nil {
		return
	}
	n.add("InternalSerialNumber", w.text(d, 0x0025, "InternalSerialNumber"), "")
	n.add("LensType", w.text(d, 0x0051, "LensType"), "")
	n.add("LensSerialNumber", w.text(d, 0x0052, "LensSerialNumber"), "")
}

// pentaxCasioModel: the Optio 330RS and 430RS write "AOC\0" over
// Casio-style notes.
func pentaxCasioModel(model string) bool {
	m := strings.TrimRight(model, " \t")
	return m == "PENTAX Optio330RS" || m == "PENTAX Optio 330RS" || m == "PENTAX Optio430RS" || m == "PENTAX Optio 430RS"
}

// Pentax "AOC\0" + byte order ("II", "MM" or spaces): the IFD at byte 6,
// offsets nominally relative to the TIFF header but unreliable, so
// corrected by ExifTool's FixBase heuristic.
func parsePentaxAOC(n *makerNote) {
	var order binary.ByteOrder
	switch string(n.data[4:min(len(n.data), 6)]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	}
	w, d := n.mainIFD(6, 0, order)
	if d == nil {
		return
	}
	w.fixBase(d, 4)
	readPentaxIFD(n, w, d)
}

// Pentax "PENTAX \0" (Q, Optio S1, WG-1) and Ricoh "RICOH\0II" (GR III):
// a header of skip bytes, offsets relative to the maker note.
func parsePentaxAt(n *makerNote, skip int) {
	if w, d := n.mainIFD(skip, n.pos, nil); d != nil {
		readPentaxIFD(n, w, d)
	}
}

// readPentaxIFD reads SerialNumber (0x0229). Pentax names the lens by a
// number in a table of ExifTool's, which is not read.
func readPentaxIFD(n *makerNote, w *mnWalker, d *mnDir) {
	n.add("SerialNumber", w.text(d, 0x0229, "SerialNumber"), "")
}

// samsungType2Header is ExifTool's test for Samsung's EXIF-style notes: a
// first entry 0x0001 UNDEFINED[4] "0100", in either byte order.
func samsungType2Header(d []byte) bool {
	if len(d) < 14 || string(d[10:14]) != "0100" {
		return false
	}
	be := d[0] == 0 && string(d[2:10]) == "\x00\x01\x00\x07\x00\x00\x00\x04"
	le := d[1] == 0 && string(d[2:10]) == "\x01\x00\x07\x00\x04\x00\x00\x00"
	return be || le
}

// Samsung type 2 (NX cameras, phones): the IFD at the start, offsets
// absolute for some models and relative for others, so corrected by
// FixBase. SerialNumber (0xA002, when at least 5 word characters) and
// InternalLensSerialNumber (0xA005); phones write neither.
func parseSamsung(n *makerNote) {
	w, d := n.mainIFD(0, 0, nil)
	if d == nil {
		return
	}
	w.fixBase(d, 4)
	if v := w.value(d, 0xA002, "SerialNumber"); len(v) >= 5 && wordChars(v[:5]) {
		n.add("SerialNumber", w.text(d, 0xA002, "SerialNumber"), "")
	}
	n.add("InternalLensSerialNumber", w.text(d, 0xA005, "InternalLensSerialNumber"), "")
}

func wordChars(b []byte) bool {
	for _, c := range b {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// Sony: the IFD after a 12-byte header ("SONY DSC \0\0\0" and kin) or at
// the start (raw files), offsets relative to the TIFF header.
// SerialNumber 0x2031 (ILCE-9), and InternalSerialNumber from the
// enciphered block 0x9050, at an offset that depends on the model.
func parseSony(n *makerNote, skip int) {
	w, d := n.mainIFD(skip, 0, nil)
	if d == nil {
		return
	}
	if s := w.text(d, 0x2031, "SerialNumber"); s != "" {
		v := sonySerialValue(s)
		n.add("SerialNumber", sonySerialPrint(v), v)
	}
	if off, size := sony9050Serial(n.model); size > 0 {
		if b := w.value(d, 0x9050, "Tag9050"); len(b) >= off+size {
			serial := sonyDecipher(b[off : off+size])
			n.add("InternalSerialNumber", hex.EncodeToString(serial), bytesDecimal(serial))
		}
	}
}

// sonySerialValue is ExifTool's ValueConv of Sony SerialNumber: the first
// 8 digits are stored as byte-reversed pairs, and one leading zero goes.
func sonySerialValue(s string) string {
	for i := 0; i+8 <= len(s); i++ {
		if allDigits(s[i : i+8]) {
			p := s[i : i+8]
			s = s[:i] + p[6:8] + p[4:6] + p[2:4] + p[0:2] + s[i+8:]
			break
		}
	}
	return strings.TrimPrefix(s, "0")
}

// sonySerialPrint pads a numeric serial to 8 digits (ExifTool's
// PrintConv "%.8d"); other text is left as it is.
func sonySerialPrint(v string) string {
	if !allDigits(v) {
		return v
	}
	u, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return v
	}
	return fmt.Sprintf("%08d", u)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sony9050Serial returns where the InternalSerialNumber lies in the
// deciphered 0x9050 block for a model (ExifTool's Tag9050a/b/c tables),
// size 0 when the model has none there.
func sony9050Serial(model string) (off, size int) {
	switch {
	case hasPrefix(model, "ILCE-7M4", "ILCE-7RM5", "ILCE-7SM3", "ILME-FX3"): // Tag9050c
		return 0x88, 6
	case hasPrefix(model, "ILCE-1"): // Tag9050c
		return 0x8a, 6
	case hasPrefix(model, "ILCE-6100", "ILCE-6300", "ILCE-6400", "ILCE-6500", "ILCE-6600", "ILCE-7C", "ILCE-7M3",
		"ILCE-7RM2", "ILCE-7RM3", "ILCE-7RM4", "ILCE-7SM2", "ILCE-9", "ILCA-99M2", "ZV-E10"): // Tag9050b
		return 0x88, 6
	case hasPrefix(model, "DSC-", "Stellar", "ILCE-7RM5", "ZV-"): // no Tag9050 table
		return 0, 0
	case hasPrefix(model, "SLT-", "HV", "ILCA-"): // Tag9050a
		return 0xf0, 5
	case hasPrefix(model, "Lunar", "NEX-5N", "NEX-7", "NEX-VG20E"):
		return 0, 0
	}
	return 0x7c, 4 // Tag9050a
}

// sonyDecipher undoes Sony's substitution cipher: byte b was stored as
// b³ mod 249 (bytes 249-255 unchanged).
func sonyDecipher(enc []byte) []byte {
	var inverse [249]byte
	for b := 0; b < 249; b++ {
		inverse[b*b*b%249] = byte(b)
	}
	out := make([]byte, len(enc))
	for i, c := range enc {
		if c < 249 {
			c = inverse[c]
		}
		out[i] = c
	}
	return out
}
