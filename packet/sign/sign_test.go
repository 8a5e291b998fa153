package sign_test

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"appealpacket/internal/signtest"
	"appealpacket/packet/render/pdfpatch"
	"appealpacket/packet/sign"
)

var signingTime = time.Date(2024, 3, 25, 9, 30, 0, 0, time.UTC)

// basePDF is a small packet-like file: two pages drawn by fpdf (a link on
// the first), and an attachment appended as an incremental update, as
// appealpacket's byte-level finish does.
func basePDF(t testing.TB) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "A4", "")
	p.SetCreationDate(signingTime)
	p.SetCatalogSort(true)
	p.SetFont("Helvetica", "", 12)
	p.AddPage()
	link := p.AddLink()
	p.Text(50, 50, "Appeal evidence packet")
	p.Link(50, 40, 100, 12, link)
	p.AddPage()
	p.SetLink(link, 0, 2)
	p.Text(50, 50, "Exhibit P-1")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	out, err := pdfpatch.Attach(b.Bytes(), []pdfpatch.File{{Name: "manifest.json", Data: []byte(`{"seal": "x"}`), ModTime: signingTime}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type pki struct {
	ca     *signtest.CA
	roots  *x509.CertPool
	tsa    *signtest.TSA
	signer map[signtest.KeyType]*sign.Signer
}

func newPKI(t testing.TB) *pki {
	ca := signtest.NewCA(t, "Packet Test Root CA")
	roots := x509.NewCertPool()
	roots.AddCert(ca.Cert)
	k := &pki{ca: ca, roots: roots, tsa: signtest.NewTSA(t, ca), signer: map[signtest.KeyType]*sign.Signer{}}
	k.tsa.Now = func() time.Time { return signingTime.Add(time.Minute) }
	for _, kt := range []signtest.KeyType{signtest.RSA, signtest.ECDSA, signtest.Ed25519} {
		k.signer[kt] = signerOf(ca.Issue(t, "Lumen Home Store", signtest.Options{Key: kt}))
	}
	return k
}

func signerOf(id *signtest.Identity) *sign.Signer {
	return &sign.Signer{Key: id.Key, Chain: append([]*x509.Certificate{id.Cert}, id.Chain...)}
}

func TestSignAndVerify(t *testing.T) {
	base := basePDF(t)
	k := newPKI(t)
	for _, kt := range []struct {
		name          string
		key           signtest.KeyType
		deterministic bool
	}{{"RSA", signtest.RSA, true}, {"ECDSA", signtest.ECDSA, false}} {
		for _, tsa := range []bool{false, true} {
			for _, visible := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/tsa=%v/visible=%v", kt.name, tsa, visible), func(t *testing.T) {
					o := sign.Options{Time: signingTime, Reason: "Appeal of IPP-1"}
					if tsa {
						o.TSA = k.tsa.URL
					}
					if visible {
						o.Appearance = &sign.Appearance{Rect: [4]float64{50, 48, 310, 88}}
					}
					signed, err := sign.Sign(base, k.signer[kt.key], o)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.HasPrefix(signed, base) {
						t.Fatal("signing changed the bytes before the signature")
					}
					again, err := sign.Sign(base, k.signer[kt.key], o)
					if err != nil {
						t.Fatal(err)
					}
					if !tsa && bytes.Equal(signed, again) != kt.deterministic {
						t.Errorf("same bytes twice = %v, want %v", bytes.Equal(signed, again), kt.deterministic)
					}
					rep, err := sign.Verify(signed, sign.VerifyOptions{Roots: k.roots})
					if err != nil {
						t.Fatal(err)
					}
					if !rep.Valid() || !rep.Trusted() || len(rep.Signatures) != 1 {
						t.Fatalf("report %+v", rep)
					}
					s := rep.Signatures[0]
					if s.Name != "Lumen Home Store" || !s.Declared.Equal(signingTime) || s.Covers != len(signed) || rep.SignedFrom != len(base) {
						t.Errorf("signature %+v, signed from %d (base %d bytes)", s, rep.SignedFrom, len(base))
					}
					if tsa != (s.Timestamp != nil) {
						t.Fatalf("timestamp %+v, want one: %v", s.Timestamp, tsa)
					}
					if tsa {
						if tm, stamped := s.Time(); !stamped || !tm.Equal(signingTime.Add(time.Minute)) || !s.Timestamp.Trusted {
							t.Errorf("timestamp %+v", s.Timestamp)
						}
					}
				})
			}
		}
	}
}

func TestUnsignedFile(t *testing.T) {
	base := basePDF(t)
	rep, err := sign.Verify(base, sign.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid() || len(rep.Signatures) != 0 || rep.SignedFrom != len(base) || len(rep.Problems) != 0 {
		t.Errorf("unsigned file: %+v", rep)
	}
}

func TestTrust(t *testing.T) {
	base := basePDF(t)
	k := newPKI(t)
	other := signtest.NewCA(t, "Someone Else's CA")
	otherRoots := x509.NewCertPool()
	otherRoots.AddCert(other.Cert)
	mallory := signerOf(other.Issue(t, "Mallory Trading", signtest.Options{}))
	signed, err := sign.Sign(base, k.signer[signtest.RSA], sign.Options{Time: signingTime})
	if err != nil {
		t.Fatal(err)
	}
	// Re-signed: another key signs the signed file.
	resigned, err := sign.Sign(signed, mallory, sign.Options{Time: signingTime.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	// Replaced: another key signs the unsigned packet.
	replaced, err := sign.Sign(base, mallory, sign.Options{Time: signingTime})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		pdf     []byte
		roots   *x509.CertPool
		signers []string
		trusted []bool
		trust   sign.Trust // of the last signature (Err aside)
	}{
		{"no roots", signed, nil, []string{"Lumen Home Store"}, []bool{false}, sign.Trust{Reason: sign.NotChecked}},
		{"the right root", signed, k.roots, []string{"Lumen Home Store"}, []bool{true}, sign.Trust{Reason: sign.ChainsToRoot, Root: "Packet Test Root CA"}},
		{"another root", signed, otherRoots, []string{"Lumen Home Store"}, []bool{false}, sign.Trust{Reason: sign.NoChain}},
		{"re-signed", resigned, k.roots, []string{"Lumen Home Store", "Mallory Trading"}, []bool{true, false}, sign.Trust{Reason: sign.NoChain}},
		{"re-signed, no roots", resigned, nil, []string{"Lumen Home Store", "Mallory Trading"}, []bool{false, false}, sign.Trust{Reason: sign.NotChecked}},
		{"replaced", replaced, k.roots, []string{"Mallory Trading"}, []bool{false}, sign.Trust{Reason: sign.NoChain}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := sign.Verify(tc.pdf, sign.VerifyOptions{Roots: tc.roots})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Valid() {
				t.Fatalf("not valid: %+v", rep)
			}
			if len(rep.Signatures) != len(tc.signers) {
				t.Fatalf("%d signatures, want %d", len(rep.Signatures), len(tc.signers))
			}
			for i, s := range rep.Signatures {
				if s.Name != tc.signers[i] || s.Trusted != tc.trusted[i] {
					t.Errorf("signature %d: %s trusted=%v (%+v), want %s trusted=%v", i+1, s.Name, s.Trusted, s.Trust, tc.signers[i], tc.trusted[i])
				}
			}
			last := rep.Signatures[len(rep.Signatures)-1]
			if got := last.Trust; got.Reason != tc.trust.Reason || got.Root != tc.trust.Root || (got.Reason == sign.NoChain) != (got.Err != nil) {
				t.Errorf("trust %+v, want %+v", got, tc.trust)
			}
			if rep.SignedFrom != len(base) {
				t.Errorf("signed from %d, want %d", rep.SignedFrom, len(base))
			}
		})
	}
}

// TestForgeries changes a signed file in the ways an attacker would and
// expects every change to be caught.
func TestForgeries(t *testing.T) {
	base := basePDF(t)
	k := newPKI(t)
	signed, err := sign.Sign(base, k.signer[signtest.RSA], sign.Options{Time: signingTime, TSA: k.tsa.URL})
	if err != nil {
		t.Fatal(err)
	}
	br := byteRange(t, signed)
	flip := func(at int) []byte {
		b := bytes.Clone(signed)
		b[at] ^= 0x01
		return b
	}
	tests := []struct {
		name string
		pdf  []byte
		want string
	}{
		{"a byte of the packet", flip(len(base) / 2), "changed"},
		{"the manifest rewritten", bytes.Replace(signed, []byte(`{"seal": "x"}`), []byte(`{"seal": "y"}`), 1), "changed"},
		{"the declared time", bytes.Replace(signed, []byte("(D:20240325093000Z)"), []byte("(D:20240325093001Z)"), 1), "changed"},
		{"the signature value", flip(br[1] + 200), ""},
		{"an update redefining page content", appendUpdate(t, signed, "4 0 obj\n<</Length 0>>\nstream\n\nendstream\nendobj\n", 4), "changes object 4"},
		{"an update redefining the catalog", appendCatalogUpdate(t, signed, "/OpenAction [3 0 R /Fit]"), "changes object"},
		{"an update deleting an object", appendFree(t, signed, 4), "deletes object 4"},
		{"bytes after the end", append(bytes.Clone(signed), "garbage"...), ""},
		{"an unsigned update adding a signature field that draws over the page", appendUnsignedField(t, signed), "without a signature"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := sign.Verify(tc.pdf, sign.VerifyOptions{Roots: k.roots})
			if err != nil {
				return // unreadable counts as rejected
			}
			if rep.Valid() {
				t.Fatalf("the forgery verifies: %+v", rep)
			}
			if tc.want == "" {
				return
			}
			var all []string
			all = append(all, rep.Problems...)
			for _, s := range rep.Signatures {
				if s.Err != nil {
					all = append(all, s.Err.Error())
				}
			}
			if !strings.Contains(strings.Join(all, "\n"), tc.want) {
				t.Errorf("problems %q, want one saying %q", all, tc.want)
			}
		})
	}
}

var byteRangeRE = regexp.MustCompile(`/ByteRange \[(\d+) (\d+) (\d+) (\d+) *\]`)

func byteRange(t testing.TB, pdf []byte) [4]int {
	m := byteRangeRE.FindAllSubmatch(pdf, -1)
	if len(m) == 0 {
		t.Fatal("no /ByteRange")
	}
	var r [4]int
	for i := range r {
		r[i], _ = strconv.Atoi(string(m[len(m)-1][i+1]))
	}
	return r
}

// lastXref returns the offset of the file's last cross-reference table.
func lastXref(pdf []byte) int {
	i := bytes.LastIndex(pdf, []byte("startxref"))
	n, _ := strconv.Atoi(strings.Fields(string(pdf[i+len("startxref"):]))[0])
	return n
}

func trailerSize(pdf []byte) int {
	m := regexp.MustCompile(`/Size (\d+)`).FindAllSubmatch(pdf, -1)
	n, _ := strconv.Atoi(string(m[len(m)-1][1]))
	return n
}

// appendUpdate appends an incremental update defining object num.
func appendUpdate(t testing.TB, pdf []byte, obj string, num int) []byte {
	out := bytes.Clone(pdf)
	at := len(out)
	out = append(out, obj...)
	xref := len(out)
	out = fmt.Appendf(out, "xref\n%d 1\n%010d 00000 n \ntrailer\n<</Size %d /Root %d 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n",
		num, at, trailerSize(pdf), rootNum(t, pdf), lastXref(pdf), xref)
	return out
}

func appendFree(t testing.TB, pdf []byte, num int) []byte {
	out := bytes.Clone(pdf)
	xref := len(out)
	out = fmt.Appendf(out, "xref\n%d 1\n0000000000 00001 f \ntrailer\n<</Size %d /Root %d 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n",
		num, trailerSize(pdf), rootNum(t, pdf), lastXref(pdf), xref)
	return out
}

func rootNum(t testing.TB, pdf []byte) int {
	m := regexp.MustCompile(`/Root (\d+) 0 R`).FindAllSubmatch(pdf, -1)
	if m == nil {
		t.Fatal("no /Root")
	}
	n, _ := strconv.Atoi(string(m[len(m)-1][1]))
	return n
}

// appendCatalogUpdate redefines the catalog with an extra entry.
func appendCatalogUpdate(t testing.TB, pdf []byte, entry string) []byte {
	root := rootNum(t, pdf)
	head := fmt.Sprintf("\n%d 0 obj\n", root)
	i := bytes.LastIndex(pdf, []byte(head))
	j := bytes.Index(pdf[i:], []byte("endobj"))
	body := string(pdf[i+len(head) : i+j])
	k := strings.LastIndex(body, ">>")
	return appendUpdate(t, pdf, head[1:]+body[:k]+entry+body[k:]+"endobj\n", root)
}

func TestTimestampFailureLeavesNothingSigned(t *testing.T) {
	base := basePDF(t)
	k := newPKI(t)
	refusing := signtest.NewTSA(t, k.ca)
	refusing.Refuse = true
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	for name, url := range map[string]string{"refused": refusing.URL, "unreachable": down.URL} {
		out, err := sign.Sign(base, k.signer[signtest.RSA], sign.Options{Time: signingTime, TSA: url})
		if err == nil || out != nil || !strings.Contains(err.Error(), url) {
			t.Errorf("%s: err = %v, %d bytes", name, err, len(out))
		}
	}
}

func TestSignRefuses(t *testing.T) {
	base := basePDF(t)
	k := newPKI(t)
	expired := signerOf(k.ca.Issue(t, "Expired Signer", signtest.Options{NotBefore: signtest.Epoch, NotAfter: signtest.Epoch.AddDate(1, 0, 0)}))
	tests := []struct {
		name   string
		pdf    []byte
		signer *sign.Signer
		want   string
	}{
		{"expired certificate", base, expired, "not at the signing time"},
		{"not a PDF", []byte("hello"), k.signer[signtest.RSA], "startxref"},
		{"cross-reference stream", bytes.Replace(base, []byte("\nxref\n"), []byte("\nXref\n"), -1), k.signer[signtest.RSA], "cross-reference"},
		{"no key", base, nil, "no signing key"},
		{"Ed25519 key (readers cannot check it)", base, k.signer[signtest.Ed25519], "Ed25519"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sign.Sign(tc.pdf, tc.signer, sign.Options{Time: signingTime})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestAppearanceLines(t *testing.T) {
	got := sign.AppearanceLines("Lumen Home Store", signingTime)
	want := []string{"Digitally signed by Lumen Home Store", "Signing time 2024-03-25 09:30 UTC, as the signer declares", "signed with appealpacket"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q", got)
	}
	if got := sign.AppearanceLines("深圳市流明家居用品有限公司", signingTime); strings.Contains(got[0], "深圳") || !strings.Contains(got[0], "signature panel") {
		t.Errorf("a name Helvetica cannot draw: %q", got[0])
	}
}

func FuzzVerify(f *testing.F) {
	base := basePDF(f)
	k := newPKI(f)
	signed, err := sign.Sign(base, k.signer[signtest.RSA], sign.Options{Time: signingTime, TSA: k.tsa.URL})
	if err != nil {
		f.Fatal(err)
	}
	twice, err := sign.Sign(signed, k.signer[signtest.ECDSA], sign.Options{Time: signingTime})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add(twice)
	f.Add(base)
	f.Fuzz(func(t *testing.T, pdf []byte) {
		rep, err := sign.Verify(pdf, sign.VerifyOptions{Roots: k.roots})
		if err != nil {
			return
		}
		if rep.SignedFrom < 0 || rep.SignedFrom > len(pdf) {
			t.Fatalf("signed from %d in a %d-byte file", rep.SignedFrom, len(pdf))
		}
		for _, s := range rep.Signatures {
			if s.Err == nil && (s.Covers <= 0 || s.Covers > len(pdf)) {
				t.Fatalf("a valid signature covers %d of %d bytes", s.Covers, len(pdf))
			}
		}
	})
}

// appendUnsignedField appends an update that adds an empty signature field
// to page 1 with a page-sized appearance: what an attacker would use to
// draw over the signed content without signing.
func appendUnsignedField(t testing.TB, pdf []byte) []byte {
	t.Helper()
	size := trailerSize(pdf)
	page := regexp.MustCompile(`(?s)\n3 0 obj\n(.*?)endobj`).FindAllSubmatch(pdf, -1)
	body := string(page[len(page)-1][1])
	i := strings.Index(body, "/Annots [")
	if i < 0 {
		t.Fatal("no /Annots on page 1")
	}
	body = body[:i+len("/Annots [")] + fmt.Sprintf("%d 0 R ", size) + body[i+len("/Annots ["):]
	out := bytes.Clone(pdf)
	at1 := len(out)
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /Annot /Subtype /Widget /FT /Sig /T (Overlay) /F 4 /Rect [0 0 595 842] /P 3 0 R /AP <</N %d 0 R>>>>\nendobj\n", size, size+1)
	at2 := len(out)
	stream := "0 0 595 842 re f"
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length %d>>\nstream\n%s\nendstream\nendobj\n", size+1, len(stream), stream)
	at3 := len(out)
	out = fmt.Appendf(out, "3 0 obj\n%sendobj\n", body)
	xref := len(out)
	out = fmt.Appendf(out, "xref\n3 1\n%010d 00000 n \n%d 2\n%010d 00000 n \n%010d 00000 n \ntrailer\n<</Size %d /Root %d 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n",
		at3, size, at1, at2, size+2, rootNum(t, pdf), lastXref(pdf), xref)
	return out
}

// TestNotReadable tells a signature this program cannot read from one it
// read and found false.
func TestNotReadable(t *testing.T) {
	for _, tt := range []struct {
		name, subFilter string
		value           []byte
	}{
		{"unknown SubFilter", "adbe.x509.rsa_sha1", []byte{0x30, 0x00}},
		{"BER or damaged value", "adbe.pkcs7.detached", []byte{0x30, 0x80, 0x06, 0x09}},
	} {
		if _, _, err := sign.CheckDetached([]byte("content"), tt.value, tt.subFilter); err == nil || !sign.NotReadable(err) {
			t.Errorf("%s: %v; want an error NotReadable reports", tt.name, err)
		}
	}
}
