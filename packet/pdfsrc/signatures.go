package pdfsrc

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// SignatureField is a digital signature found in a source PDF: what its
// signature dictionary says. It is not checked here (see package sign).
type SignatureField struct {
	Name      string    // /Name: the signer's name as the signing program wrote it; often empty
	Declared  time.Time // /M: the signing time the signer's computer declared; zero when absent
	SubFilter string    // e.g. "adbe.pkcs7.detached", "ETSI.CAdES.detached", "ETSI.RFC3161"
	ByteRange [4]int    // the signed bytes: [start1 len1 start2 len2]
	Contents  []byte    // the signature value (a CMS SignedData)
}

// maxSignatures bounds the signatures read of one PDF.
const maxSignatures = 16

// Signatures returns the signature dictionaries of a PDF, in object order,
// or nil when it has none. It reads only files that contain "/ByteRange".
// Usage-rights signatures (a /Reference whose /TransformMethod is UR or
// UR3: Adobe's grant of extended features to Reader) are left out, as
// pdfsig leaves them out: they are the signing program's, not the
// author's, and say nothing of who wrote the document.
func Signatures(data []byte, password string) (sigs []SignatureField, err error) {
	if !bytes.Contains(data, []byte("/ByteRange")) {
		return nil, nil
	}
	defer func() {
		if r := recover(); r != nil {
			sigs, err = nil, fmt.Errorf("internal error in PDF library: %v", r)
		}
	}()
	ctx, err := Read(data, password)
	if err != nil {
		return nil, err
	}
	xt := ctx.XRefTable
	nums := make([]int, 0, len(xt.Table))
	for n := range xt.Table {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		e := xt.Table[n]
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		d, ok := e.Object.(types.Dict)
		if !ok {
			continue
		}
		br, ok := d["ByteRange"].(types.Array)
		if !ok || len(br) != 4 {
			continue
		}
		if t := d.NameEntry("Type"); t != nil && *t != "Sig" && *t != "DocTimeStamp" {
			continue
		}
		if usageRights(xt, d) {
			continue
		}
		var s SignatureField
		for i, o := range br {
			v, ok := o.(types.Integer)
			if !ok || int(v) < 0 || int(v) > len(data) {
				return sigs, fmt.Errorf("object %d: a bad /ByteRange", n)
			}
			s.ByteRange[i] = int(v)
		}
		if sf := d.NameEntry("SubFilter"); sf != nil {
			s.SubFilter = *sf
		}
		s.Name = textString(d["Name"])
		if m := textString(d["M"]); m != "" {
			s.Declared, _ = ParseDate(m)
		}
		switch c := d["Contents"].(type) {
		case types.HexLiteral:
			s.Contents, _ = c.Bytes()
		case types.StringLiteral:
			s.Contents, _ = types.Unescape(string(c))
		}
		s.Contents = bytes.TrimRight(s.Contents, "\x00")
		sigs = append(sigs, s)
		if len(sigs) == maxSignatures {
			break
		}
	}
	return sigs, nil
}

// usageRights reports whether a signature dictionary is a usage-rights
// signature: one of its signature references has /TransformMethod /UR3
// (or /UR, of PDF 1.5).
func usageRights(xt *model.XRefTable, sig types.Dict) bool {
	refs, err := xt.DereferenceArray(sig["Reference"])
	if err != nil {
		return false
	}
	for _, o := range refs {
		ref, err := xt.DereferenceDict(o)
		if err != nil || ref == nil {
			continue
		}
		if m := ref.NameEntry("TransformMethod"); m != nil && (*m == "UR3" || *m == "UR") {
			return true
		}
	}
	return false
}

// Covers reports whether the signature's byte range covers the whole of
// data but its own value: nothing was added after signing.
func (s SignatureField) Covers(data []byte) bool {
	r := s.ByteRange
	return r[0] == 0 && r[1] > 0 && r[2] > r[1] && r[2]+r[3] == len(data)
}

// Signed returns the bytes the signature covers.
func (s SignatureField) Signed(data []byte) ([]byte, error) {
	r := s.ByteRange
	if r[0] != 0 || r[1] < 0 || r[2] < r[1] || r[3] < 0 || r[1] > len(data) || r[2]+r[3] > len(data) {
		return nil, fmt.Errorf("the byte range %v is not within the file", r)
	}
	out := make([]byte, 0, r[1]+r[3])
	out = append(out, data[:r[1]]...)
	return append(out, data[r[2]:r[2]+r[3]]...), nil
}

// textString decodes a PDF text string (PDFDocEncoding or UTF-16BE).
func textString(o types.Object) string {
	var b []byte
	switch s := o.(type) {
	case types.StringLiteral:
		b, _ = types.Unescape(string(s))
	case types.HexLiteral:
		b, _ = s.Bytes()
	default:
		return ""
	}
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		var rs []rune
		for i := 2; i+1 < len(b); i += 2 {
			rs = append(rs, rune(b[i])<<8|rune(b[i+1]))
		}
		return string(rs)
	}
	return strings.ToValidUTF8(string(b), "")
}

// ParseDate reads a PDF date, D:YYYYMMDDHHmmSSOHH'mm' (any tail may be
// missing).
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(s, "D:")
	if len(s) < 4 {
		return time.Time{}, false
	}
	digits := func(i, n, def int) int {
		if len(s) < i+n {
			return def
		}
		v := 0
		for _, c := range s[i : i+n] {
			if c < '0' || c > '9' {
				return def
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, h, mi, sec := digits(0, 4, -1), digits(4, 2, 1), digits(6, 2, 1), digits(8, 2, 0), digits(10, 2, 0), digits(12, 2, 0)
	if y < 0 {
		return time.Time{}, false
	}
	loc := time.UTC
	if len(s) > 14 && (s[14] == '+' || s[14] == '-') {
		oh, om := digits(15, 2, 0), digits(18, 2, 0)
		off := (oh*60 + om) * 60
		if s[14] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc), true
}
