// Package sign signs appeal packets so that a third party can check, with
// standard tools and without trusting appealpacket, who issued a packet and
// since when it is unchanged: a PDF signature (PAdES baseline B-B, SubFilter
// ETSI.CAdES.detached) and, when a timestamp authority is given, an RFC 3161
// signature timestamp (B-T).
//
// The signature is appended as an incremental update, after everything
// else, so the bytes before it — the packet as built, with its sealed
// manifest — stay as they were. Verify checks every signature of a file,
// that its byte range covers the file up to the end of its revision, and
// that no later update changes anything but signatures; it tells where the
// signed revisions begin, so the seal can be checked on the bytes before.
package sign

import (
	"context"
	"crypto/ed25519"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"appealpacket/internal/cms"
	"appealpacket/internal/tsp"
)

// Options tune Sign.
type Options struct {
	// Time is the signing time the signature declares (/M). Zero means
	// now. A fixed time with an RSA key gives the same bytes every time
	// (ECDSA signatures are randomized; Ed25519 keys are refused, since
	// common readers cannot check them).
	Time time.Time
	// Reason and Location are shown by PDF readers; optional.
	Reason, Location string
	// TSA is the URL of an RFC 3161 timestamp authority; when set the
	// signature gets a timestamp (PAdES B-T), or signing fails.
	TSA string
	// Timestamper asks the authority; nil means a tsp.Client for TSA.
	Timestamper Timestamper
	// Appearance draws a visible signature block; nil makes the
	// signature invisible.
	Appearance *Appearance
	// Context bounds the request to the timestamp authority.
	Context context.Context
}

// Timestamper gets an RFC 3161 timestamp token of data.
type Timestamper interface {
	Stamp(ctx context.Context, data []byte) (*tsp.Token, error)
}

// Appearance places a visible signature block on a page.
type Appearance struct {
	Page int // 1-based; 0 means 1
	// Rect is the block's lower-left and upper-right corner, in PDF points
	// from the page's lower-left corner.
	Rect [4]float64
}

// reserveTimestamp is the room kept in /Contents for a timestamp token
// (a token with its authority's chain is usually 3-8 KB).
const reserveTimestamp = 16 << 10

// Sign appends to pdf an incremental update that signs it, and returns the
// signed file. pdf must be a PDF with classic cross-reference tables and no
// encryption, as appealpacket writes them; it is not modified.
func Sign(pdf []byte, s *Signer, o Options) ([]byte, error) {
	if s == nil || s.Key == nil || len(s.Chain) == 0 {
		return nil, errors.New("sign: no signing key")
	}
	if _, ok := s.Key.Public().(ed25519.PublicKey); ok {
		// Deterministic and sound, but poppler 22 (NSS) and OpenSSL 3.0
		// reject Ed25519 in CMS: a reviewer could not check the packet.
		return nil, errors.New("sign: Ed25519 keys are not accepted by common PDF readers yet; sign with an RSA or ECDSA key")
	}
	if o.Time.IsZero() {
		o.Time = time.Now()
	}
	o.Time = o.Time.UTC().Truncate(time.Second)
	cert := s.Certificate()
	if o.Time.Before(cert.NotBefore) || o.Time.After(cert.NotAfter) {
		return nil, fmt.Errorf("sign: the certificate of %q is valid from %s to %s, not at the signing time %s",
			s.Name(), cert.NotBefore.UTC().Format(time.DateOnly), cert.NotAfter.UTC().Format(time.DateOnly), o.Time.Format(time.RFC3339))
	}
	if o.TSA != "" && o.Timestamper == nil {
		o.Timestamper = &tsp.Client{URL: o.TSA}
	}
	if o.Context == nil {
		o.Context = context.Background()
	}
	reserve, err := reserveFor(s, o.Timestamper != nil)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		out, need, err := signOnce(pdf, s, o, reserve)
		if err == nil || need == 0 || attempt > 0 {
			return out, err
		}
		reserve = need + 1024 // an unusually large timestamp: make room and ask again
	}
}

// reserveFor is the room kept for the signature value: the size of a
// signature without timestamp (a dummy digest signed), a margin, and room
// for a timestamp token when one is asked for.
func reserveFor(s *Signer, timestamp bool) (int, error) {
	probe, err := signature(s, make([]byte, cms.HashFor(s.Key.Public()).Size()), nil)
	if err != nil {
		return 0, err
	}
	reserve := len(probe) + 256 // ECDSA signatures vary by a few bytes
	if timestamp {
		reserve += reserveTimestamp
	}
	return reserve, nil
}

// Overhead is about how many bytes Sign adds to a file (the signature
// value is written in hex), so that a caller with a size limit can keep
// room for it.
func Overhead(s *Signer, timestamp, visible bool) int64 {
	reserve, err := reserveFor(s, timestamp)
	if err != nil {
		return 0
	}
	n := 2*reserve + 8192 // the value in hex; the page and catalog written anew, xref and trailer
	if visible {
		n += 1024
	}
	return int64(n)
}

// signOnce writes the update with room for reserve bytes of signature. If
// the signature does not fit, it returns the room it needs.
func signOnce(pdf []byte, s *Signer, o Options, reserve int) ([]byte, int, error) {
	u, err := newUpdate(pdf, s, o, reserve)
	if err != nil {
		return nil, 0, fmt.Errorf("sign: %w", err)
	}
	out := u.out
	// Fill /ByteRange: everything but the /Contents hex string, brackets
	// included.
	a, b := u.contentsAt, u.contentsAt+2+2*reserve
	br := fmt.Sprintf("[0 %d %d %d]", a, b, len(out)-b)
	if len(br) > len(byteRangePlaceholder) {
		return nil, 0, errors.New("sign: the file is too large to sign")
	}
	copy(out[u.byteRangeAt:], br+strings.Repeat(" ", len(byteRangePlaceholder)-len(br)))
	hash := cms.HashFor(s.Key.Public())
	h := hash.New()
	h.Write(out[:a])
	h.Write(out[b:])
	var stamp func([]byte) ([]cms.Attribute, error)
	if o.Timestamper != nil {
		stamp = func(sig []byte) ([]cms.Attribute, error) {
			tok, err := o.Timestamper.Stamp(o.Context, sig)
			if err != nil {
				return nil, fmt.Errorf("sign: timestamp: %w", err)
			}
			return []cms.Attribute{{Type: cms.OIDAttrTimeStampToken, Values: [][]byte{tok.Raw}}}, nil
		}
	}
	der, err := signature(s, h.Sum(nil), stamp)
	if err != nil {
		return nil, 0, err
	}
	if len(der) > reserve {
		return nil, len(der), fmt.Errorf("sign: the signature (%d bytes) is larger than the room kept for it (%d)", len(der), reserve)
	}
	hex.Encode(out[a+1:], der)
	return out, 0, nil
}

func signature(s *Signer, digest []byte, unsigned func([]byte) ([]cms.Attribute, error)) ([]byte, error) {
	der, err := cms.Sign(cms.SignOptions{Key: s.Key, Certificate: s.Certificate(), Chain: s.Chain[1:],
		Detached: true, Digest: digest, Unsigned: unsigned})
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return der, nil
}

const byteRangePlaceholder = "[0 0000000000 0000000000 0000000000]"

// update is an incremental update being written.
type update struct {
	doc         *document
	out         []byte
	offsets     map[int]int // object number -> offset in out
	next        int         // next free object number
	contentsAt  int         // offset of the '<' of /Contents
	byteRangeAt int
}

func (u *update) obj(num int, body string) {
	u.offsets[num] = len(u.out)
	u.out = fmt.Appendf(u.out, "%d 0 obj\n%s\nendobj\n", num, body)
}

func (u *update) alloc() int {
	u.next++
	return u.next - 1
}

// newUpdate writes the whole update, with placeholders for /ByteRange and
// /Contents.
func newUpdate(pdf []byte, s *Signer, o Options, reserve int) (*update, error) {
	doc, err := parseDocument(pdf)
	if err != nil {
		return nil, err
	}
	last := doc.last()
	trailer := doc.revisions[last].trailer
	if _, ok := trailer.get("Encrypt"); ok {
		return nil, errors.New("an encrypted PDF cannot be signed here")
	}
	sizeValue, _ := trailer.get("Size")
	size, okSize := sizeValue.intValue()
	rootRef, okRoot := doc.trailerRef("Root")
	if !okSize || size <= 0 || !okRoot {
		return nil, errors.New("the trailer has no /Size or /Root")
	}
	root, err := doc.lookup(rootRef, last)
	if err != nil || root.val.kind != kDict {
		return nil, fmt.Errorf("the catalog: %v", err)
	}
	pageNo := 1
	if o.Appearance != nil && o.Appearance.Page > 1 {
		pageNo = o.Appearance.Page
	}
	pageRef, page, err := doc.page(root.val, last, pageNo)
	if err != nil {
		return nil, err
	}

	u := &update{doc: doc, out: make([]byte, 0, len(pdf)+2*reserve+16<<10), offsets: map[int]int{}, next: size}
	u.out = append(u.out, pdf...)
	if pdf[len(pdf)-1] != '\n' && pdf[len(pdf)-1] != '\r' {
		u.out = append(u.out, '\n')
	}
	sigNum, widgetNum := u.alloc(), u.alloc()

	// The signature dictionary, first, so that its /Contents comes early.
	var sig strings.Builder
	sig.WriteString("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n/ByteRange ")
	head := fmt.Sprintf("%d 0 obj\n", sigNum) // as u.obj writes it
	u.byteRangeAt = len(u.out) + len(head) + sig.Len()
	sig.WriteString(byteRangePlaceholder)
	sig.WriteString("\n/Contents ")
	u.contentsAt = len(u.out) + len(head) + sig.Len()
	sig.WriteString("<" + strings.Repeat("0", 2*reserve) + ">")
	fmt.Fprintf(&sig, "\n/M %s /Name %s", pdfDate(o.Time), textString(s.Name()))
	if o.Reason != "" {
		fmt.Fprintf(&sig, " /Reason %s", textString(o.Reason))
	}
	if o.Location != "" {
		fmt.Fprintf(&sig, " /Location %s", textString(o.Location))
	}
	sig.WriteString("\n/Prop_Build <</App <</Name /appealpacket>>>>>>")
	u.obj(sigNum, sig.String())

	// The field and its widget annotation (one dictionary), on the page.
	fields, acroForm, err := u.fieldsOf(root.val, last)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("Signature%d", len(fields)+1)
	rect, flags, ap := "[0 0 0 0]", 132, "" // invisible: Print, Locked
	if o.Appearance != nil {
		r := o.Appearance.Rect
		rect = fmt.Sprintf("[%s %s %s %s]", num(r[0]), num(r[1]), num(r[2]), num(r[3]))
		apNum := u.alloc()
		u.obj(apNum, appearanceStream(r[2]-r[0], r[3]-r[1], s.Name(), o.Time))
		ap = fmt.Sprintf(" /AP <</N %d 0 R>>", apNum)
	}
	u.obj(widgetNum, fmt.Sprintf("<</Type /Annot /Subtype /Widget /FT /Sig /T %s /V %d 0 R /F %d /Rect %s /P %v%s>>",
		textString(name), sigNum, flags, rect, pageRef, ap))
	widget := fmt.Sprintf("%d 0 R", widgetNum)

	// The page gains the annotation, the catalog the form.
	if err := u.appendToArray(pageRef, page, "Annots", widget, last); err != nil {
		return nil, err
	}
	newFields := append(slices.Clone(fields), widget)
	switch {
	case acroForm.kind == kRef:
		form, err := doc.lookup(acroForm.ref, last)
		if err != nil || form.val.kind != kDict {
			return nil, fmt.Errorf("the AcroForm: %v", err)
		}
		u.obj(acroForm.ref.num, withEntries(pdf, form.val, "Fields", "["+strings.Join(newFields, " ")+"]", "SigFlags", "3"))
		if acroForm.ref.gen != 0 {
			return nil, errors.New("the AcroForm is not of generation 0")
		}
	default:
		form := "<</Fields [" + strings.Join(newFields, " ") + "] /SigFlags 3>>"
		if acroForm.kind == kDict {
			form = withEntries(pdf, acroForm, "Fields", "["+strings.Join(newFields, " ")+"]", "SigFlags", "3")
		}
		if rootRef.gen != 0 {
			return nil, errors.New("the catalog is not of generation 0")
		}
		u.obj(rootRef.num, withEntries(pdf, root.val, "AcroForm", form))
	}

	// Cross-reference section and trailer.
	xrefAt := len(u.out)
	nums := make([]int, 0, len(u.offsets))
	for n := range u.offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	u.out = append(u.out, "xref\n"...)
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		u.out = fmt.Appendf(u.out, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			u.out = fmt.Appendf(u.out, "%010d 00000 n \n", u.offsets[nums[k]])
		}
		i = j + 1
	}
	tr := fmt.Sprintf("<</Size %d /Root %v /Prev %d", u.next, rootRef, doc.revisions[last].xrefAt)
	for _, k := range []string{"Info", "ID"} {
		if v, ok := trailer.get(k); ok {
			tr += " /" + k + " " + string(pdf[v.start:v.end])
		}
	}
	u.out = fmt.Appendf(u.out, "trailer\n%s>>\nstartxref\n%d\n%%%%EOF\n", tr, xrefAt)
	return u, nil
}

// fieldsOf returns the references in the form's /Fields and the catalog's
// /AcroForm value (a dictionary, a reference, or absent).
func (u *update) fieldsOf(catalog value, k int) ([]string, value, error) {
	form, ok := catalog.get("AcroForm")
	if !ok {
		return nil, value{}, nil
	}
	dict, err := u.doc.resolve(form, k)
	if err != nil || dict.kind != kDict {
		return nil, value{}, fmt.Errorf("the AcroForm is not a dictionary: %v", err)
	}
	fv, ok := dict.get("Fields")
	if !ok {
		return nil, form, nil
	}
	if fv, err = u.doc.resolve(fv, k); err != nil || fv.kind != kArray {
		return nil, value{}, fmt.Errorf("the AcroForm's /Fields is not an array: %v", err)
	}
	var refs []string
	for _, it := range fv.items {
		if it.kind != kRef {
			return nil, value{}, errors.New("the AcroForm's /Fields holds a direct object")
		}
		refs = append(refs, it.ref.String())
	}
	return refs, form, nil
}

// appendToArray writes a new version of the object ref (a dictionary)
// whose array entry key gains item; an array held by reference gets the
// new version instead.
func (u *update) appendToArray(ref objRef, dict value, key, item string, k int) error {
	if ref.gen != 0 {
		return fmt.Errorf("object %v is not of generation 0", ref)
	}
	src := u.doc.src
	v, ok := dict.get(key)
	switch {
	case !ok:
		u.obj(ref.num, withEntries(src, dict, key, "["+item+"]"))
	case v.kind == kArray:
		u.obj(ref.num, withEntries(src, dict, key, arrayWith(src, v, item)))
	case v.kind == kRef:
		arr, err := u.doc.resolve(v, k)
		if err != nil || arr.kind != kArray || v.ref.gen != 0 {
			return fmt.Errorf("/%s of object %v is not an array", key, ref)
		}
		u.obj(v.ref.num, arrayWith(src, arr, item))
	default:
		return fmt.Errorf("/%s of object %v is not an array", key, ref)
	}
	return nil
}

// arrayWith writes an array with one more item, the others as they were.
func arrayWith(src []byte, arr value, item string) string {
	inner := strings.TrimSpace(string(src[arr.start+1 : arr.end-1]))
	if inner == "" {
		return "[" + item + "]"
	}
	return "[" + inner + " " + item + "]"
}

// withEntries writes a dictionary with entries set (key, value, key,
// value...), every other entry copied as it stands in src.
func withEntries(src []byte, dict value, kv ...string) string {
	var b strings.Builder
	b.WriteString("<<")
	set := map[string]string{}
	var order []string
	for i := 0; i+1 < len(kv); i += 2 {
		set[kv[i]] = kv[i+1]
		order = append(order, kv[i])
	}
	for i, k := range dict.keys {
		b.WriteString("/" + encodeName(k) + " ")
		if v, ok := set[k]; ok {
			b.WriteString(v)
			delete(set, k)
		} else {
			b.Write(src[dict.vals[i].start:dict.vals[i].end])
		}
		b.WriteString("\n")
	}
	for _, k := range order {
		if v, ok := set[k]; ok {
			b.WriteString("/" + encodeName(k) + " " + v + "\n")
		}
	}
	b.WriteString(">>")
	return b.String()
}

// encodeName writes a name's characters, #-escaping what must be.
func encodeName(n string) string {
	var b strings.Builder
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < '!' || c > '~' || c == '#' || isDelim(c) {
			fmt.Fprintf(&b, "#%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// textString writes a PDF text string as UTF-16BE in hex, which holds any
// text.
func textString(s string) string {
	units := utf16.Encode([]rune(s))
	b := make([]byte, 0, 2+2*len(units))
	b = append(b, 0xFE, 0xFF)
	for _, u := range units {
		b = binary.BigEndian.AppendUint16(b, u)
	}
	return "<" + strings.ToUpper(hex.EncodeToString(b)) + ">"
}

func pdfDate(t time.Time) string { return "(D:" + t.UTC().Format("20060102150405") + "Z)" }

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// page returns page n (1-based) as of revision k.
func (d *document) page(catalog value, k, n int) (objRef, value, error) {
	if n == 1 {
		return d.firstPage(catalog, k)
	}
	pages, ok := catalog.get("Pages")
	if !ok {
		return objRef{}, value{}, errors.New("the catalog has no /Pages")
	}
	// A flat page tree (as appealpacket writes) is enough here.
	tree, err := d.resolve(pages, k)
	if err != nil {
		return objRef{}, value{}, err
	}
	kids, _ := tree.get("Kids")
	if kids, err = d.resolve(kids, k); err != nil || kids.kind != kArray || n > len(kids.items) || kids.items[n-1].kind != kRef {
		return objRef{}, value{}, fmt.Errorf("page %d is not found", n)
	}
	pg, err := d.resolve(kids.items[n-1], k)
	if err != nil || pg.name("Type") != "Page" {
		return objRef{}, value{}, fmt.Errorf("page %d is not found", n)
	}
	return kids.items[n-1].ref, pg, nil
}
