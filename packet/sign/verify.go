package sign

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"appealpacket/internal/cms"
	"appealpacket/internal/tsp"
)

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// Roots are the trusted root certificates. Nil trusts none: every
	// signature is then reported with its signer, but as not trusted.
	Roots *x509.CertPool
}

// Signature is what Verify found of one signature (or document
// timestamp).
type Signature struct {
	// Kind is "signature" or "document timestamp".
	Kind string
	// Signer is the signer's certificate (the authority's for a document
	// timestamp); nil when the signature could not be read.
	Signer *x509.Certificate
	// Name is the signer's name: the certificate's common name, else its
	// organisation.
	Name string
	// Declared is the signing time the signature declares (/M): the
	// signer's word, not a proof.
	Declared time.Time
	// Timestamp is the signature's RFC 3161 timestamp; nil when it has
	// none.
	Timestamp *Timestamp
	// Covers is how many bytes of the file the signature covers: the file
	// up to the end of the revision that holds it.
	Covers int
	// Err says why the signature is not valid; nil when the bytes it
	// covers are exactly the bytes its signer signed.
	Err error
	// Trusted says that the signer's certificate chains to VerifyOptions.Roots,
	// and was valid at the signing time (the timestamp's when there is one).
	Trusted bool
	// Trust says why not, or which root it chains to.
	Trust Trust
}

// Timestamp is an RFC 3161 timestamp of a signature.
type Timestamp struct {
	Time      time.Time
	Authority string // the authority certificate's name
	Err       error  // nil when the token stamps the signature and verifies
	Trusted   bool
	Trust     Trust
}

// TrustReason says why a certificate is trusted or not.
type TrustReason int

const (
	// ChainsToRoot: the certificate chains to a trusted root (Trust.Root).
	ChainsToRoot TrustReason = iota
	// NotChecked: no trusted roots were given.
	NotChecked
	// NoChain: no chain to a trusted root (Trust.Err says why).
	NoChain
	// NotValidThen: the certificate was not valid at Trust.At (it is
	// valid from Trust.From to Trust.To).
	NotValidThen
)

// Trust is why a certificate is trusted or not, for the caller to word in
// the reader's language (package packet does).
type Trust struct {
	Reason       TrustReason
	Root         string    // ChainsToRoot: the root certificate's name
	Err          error     // NoChain
	At, From, To time.Time // NotValidThen
}

// Report is the outcome of Verify.
type Report struct {
	// Signatures in file order.
	Signatures []Signature
	// SignedFrom is the length of the file before the first revision that
	// holds a signature: the bytes sealed before signing. It equals the
	// file's length when there is no signature.
	SignedFrom int
	// Problems lists changes after SignedFrom that are not signatures, and
	// signatures that do not cover their revision.
	Problems []string
}

// Valid reports whether the file has at least one signature, every
// signature and timestamp verifies, and nothing but signatures was
// added after SignedFrom. It says nothing of trust: see Trusted.
func (r *Report) Valid() bool {
	if len(r.Signatures) == 0 || len(r.Problems) > 0 {
		return false
	}
	for _, s := range r.Signatures {
		if s.Err != nil || (s.Timestamp != nil && s.Timestamp.Err != nil) {
			return false
		}
	}
	return true
}

// Trusted reports whether every signature and timestamp chains to the
// trusted roots.
func (r *Report) Trusted() bool {
	for _, s := range r.Signatures {
		if !s.Trusted || (s.Timestamp != nil && !s.Timestamp.Trusted) {
			return false
		}
	}
	return len(r.Signatures) > 0
}

// Time is the time since which the signed bytes are known unchanged: the
// timestamp's when there is one, else the signer's declared time.
func (s *Signature) Time() (time.Time, bool) {
	if s.Timestamp != nil && s.Timestamp.Err == nil {
		return s.Timestamp.Time, true
	}
	return s.Declared, false
}

// maxObjects bounds the objects Verify reads.
const maxObjects = 200000

// Verify checks every signature of a PDF. The error is for a file whose
// structure cannot be read at all; a broken signature is reported in the
// Report.
func Verify(pdf []byte, o VerifyOptions) (*Report, error) {
	doc, err := parseDocument(pdf)
	if err != nil {
		if bytes.Contains(pdf, []byte("/ByteRange")) {
			return nil, fmt.Errorf("the file looks signed but its structure cannot be read: %w", err)
		}
		return nil, err
	}
	rep := &Report{SignedFrom: len(pdf)}
	first := -1
	read := 0
	signedRevision := map[int]bool{}
	for k, rev := range doc.revisions {
		for _, n := range sortedKeys(rev.entries) {
			e := rev.entries[n]
			if e.free {
				continue
			}
			if read++; read > maxObjects {
				return nil, fmt.Errorf("more than %d objects", maxObjects)
			}
			obj, err := readObject(pdf, e.offset, objRef{n, e.gen})
			if err != nil {
				if k > 0 {
					rep.Problems = append(rep.Problems, fmt.Sprintf("revision %d: %v", k+1, err))
				}
				continue
			}
			if !isSignature(obj.val) {
				continue
			}
			if first < 0 {
				first = k
			}
			signedRevision[k] = true
			rep.Signatures = append(rep.Signatures, verifySignature(doc, k, obj, o))
		}
	}
	if first < 0 {
		return rep, nil
	}
	if first > 0 {
		rep.SignedFrom = doc.revisions[first-1].end
	} else {
		rep.SignedFrom = 0
	}
	for k := max(first, 1); k < len(doc.revisions); k++ {
		rep.Problems = append(rep.Problems, checkUpdate(doc, k)...)
		if !signedRevision[k] {
			// Even an update that only adds an empty signature field can
			// draw over a page with its appearance: after signing, every
			// update must be signed (or timestamped) itself.
			rep.Problems = append(rep.Problems, fmt.Sprintf("revision %d (bytes %d-%d) was added after signing, without a signature",
				k+1, doc.revisions[k-1].end, doc.revisions[k].end))
		}
	}
	return rep, nil
}

func sortedKeys(m map[int]xentry) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func isSignature(v value) bool {
	if v.kind != kDict {
		return false
	}
	t := v.name("Type")
	_, br := v.get("ByteRange")
	return t == "Sig" || t == "DocTimeStamp" || (br && t == "")
}

// verifySignature checks one signature dictionary, defined in revision k.
func verifySignature(doc *document, k int, obj *object, o VerifyOptions) (sig Signature) {
	sig.Kind = "signature"
	v := obj.val
	if v.name("Type") == "DocTimeStamp" || v.name("SubFilter") == "ETSI.RFC3161" {
		sig.Kind = "document timestamp"
	}
	if m, ok := v.get("M"); ok && m.kind == kString {
		sig.Declared, _ = parsePDFDate(m.s)
	}
	fail := func(format string, args ...any) Signature {
		sig.Err = fmt.Errorf(format, args...)
		return sig
	}
	src := doc.src
	end := doc.revisions[k].end
	br, _ := v.get("ByteRange")
	contents, okContents := v.get("Contents")
	var r [4]int
	if br.kind != kArray || len(br.items) != 4 {
		return fail("no /ByteRange of four numbers")
	}
	for i, it := range br.items {
		n, ok := it.intValue()
		if !ok || n < 0 || n > len(src) {
			return fail("a bad /ByteRange")
		}
		r[i] = n
	}
	if r[0] != 0 || r[1] <= 0 || r[2] <= r[1] || r[2]+r[3] != end {
		return fail("the byte range %v does not cover the file up to the end of its revision (byte %d)", r, end)
	}
	if !okContents || contents.kind != kString || contents.start != r[1] || contents.end != r[2] || src[r[1]] != '<' {
		return fail("the byte range leaves out more than the signature value")
	}
	sig.Covers = end
	signed := io.MultiReader(bytes.NewReader(src[:r[1]]), bytes.NewReader(src[r[2]:end]))
	value := []byte(contents.s)
	if sig.Kind == "document timestamp" {
		tok, err := tsp.ParseToken(trimZeros(value))
		if err != nil {
			return fail("%v", err)
		}
		data, _ := io.ReadAll(signed)
		cert, err := tok.Verify(data)
		if err != nil {
			return fail("%v", err)
		}
		sig.Signer, sig.Name, sig.Declared = cert, certName(cert), tok.GenTime
		sig.Timestamp = &Timestamp{Time: tok.GenTime, Authority: certName(cert)}
		sig.Trusted, sig.Trust = trust(cert, tok.SignedData.Certificates, tok.GenTime, x509.ExtKeyUsageTimeStamping, o.Roots)
		sig.Timestamp.Trusted, sig.Timestamp.Trust = sig.Trusted, sig.Trust
		return sig
	}
	switch sf := v.name("SubFilter"); sf {
	case "ETSI.CAdES.detached", "adbe.pkcs7.detached":
	default:
		return fail("SubFilter /%s is not one this program checks (ETSI.CAdES.detached, adbe.pkcs7.detached)", sf)
	}
	sd, err := cms.Parse(value)
	if err != nil {
		return fail("%v", err)
	}
	if len(sd.Signers) == 1 {
		if c, err := sd.Signers[0].Certificate(sd.Certificates); err == nil {
			sig.Signer, sig.Name = c, certName(c)
		}
	}
	if sd.Content != nil {
		return fail("the signature encapsulates content; a PDF signature must be detached")
	}
	cert, err := sd.Verify(signed)
	if err != nil {
		return fail("%v", err)
	}
	if v.name("SubFilter") == "ETSI.CAdES.detached" {
		if _, ok := cms.Value(sd.Signers[0].SignedAttributes, cms.OIDAttrSigningCertV2); !ok {
			return fail("a PAdES signature without the signing-certificate-v2 attribute")
		}
	}
	at := sig.Declared
	if raw, ok := cms.Value(sd.Signers[0].UnsignedAttributes, cms.OIDAttrTimeStampToken); ok {
		sig.Timestamp = verifyTimestamp(raw, sd.Signers[0].Signature, o.Roots)
		if sig.Timestamp.Err == nil {
			at = sig.Timestamp.Time
		}
	}
	sig.Trusted, sig.Trust = trust(cert, sd.Certificates, at, x509.ExtKeyUsageAny, o.Roots)
	return sig
}

func verifyTimestamp(raw, signature []byte, roots *x509.CertPool) *Timestamp {
	ts := &Timestamp{}
	tok, err := tsp.ParseToken(raw)
	if err != nil {
		ts.Err = err
		return ts
	}
	ts.Time = tok.GenTime
	cert, err := tok.Verify(signature)
	if err != nil {
		ts.Err = err
		return ts
	}
	ts.Authority = certName(cert)
	ts.Trusted, ts.Trust = trust(cert, tok.SignedData.Certificates, tok.GenTime, x509.ExtKeyUsageTimeStamping, roots)
	return ts
}

// trust checks that cert was valid at time at and chains to roots.
func trust(cert *x509.Certificate, pool []*x509.Certificate, at time.Time, usage x509.ExtKeyUsage, roots *x509.CertPool) (bool, Trust) {
	if at.IsZero() {
		at = time.Now()
	}
	if at.Before(cert.NotBefore) || at.After(cert.NotAfter) {
		return false, Trust{Reason: NotValidThen, At: at, From: cert.NotBefore, To: cert.NotAfter}
	}
	if roots == nil {
		return false, Trust{Reason: NotChecked}
	}
	inter := x509.NewCertPool()
	for _, c := range pool {
		inter.AddCert(c)
	}
	chains, err := cert.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: at, KeyUsages: []x509.ExtKeyUsage{usage}})
	if err != nil {
		return false, Trust{Reason: NoChain, Err: err}
	}
	root := chains[0][len(chains[0])-1]
	return true, Trust{Reason: ChainsToRoot, Root: certName(root)}
}

func trimZeros(b []byte) []byte { return bytes.TrimRight(b, "\x00") }

// parsePDFDate reads D:YYYYMMDDHHmmSSOHH'mm' (any tail may be missing).
func parsePDFDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(s, "D:")
	if len(s) < 4 {
		return time.Time{}, false
	}
	digits := s
	zone := ""
	if i := strings.IndexAny(s, "Z+-"); i >= 0 {
		digits, zone = s[:i], s[i:]
	}
	layout := "20060102150405"
	if len(digits) > len(layout) || len(digits)%2 != 0 {
		return time.Time{}, false
	}
	t, err := time.Parse(layout[:len(digits)], digits)
	if err != nil {
		return time.Time{}, false
	}
	if len(zone) >= 3 && (zone[0] == '+' || zone[0] == '-') {
		hh, err1 := strconv.Atoi(zone[1:3])
		mm := 0
		var err2 error
		if rest := strings.Trim(zone[3:], "'"); rest != "" {
			mm, err2 = strconv.Atoi(rest)
		}
		if err1 != nil || err2 != nil || hh > 23 || mm > 59 {
			return time.Time{}, false
		}
		off := time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute
		if zone[0] == '+' {
			off = -off
		}
		t = t.Add(off)
	}
	return t.UTC(), true
}

// checkUpdate lists what revision k changes that is not a signature:
// every object it defines must be new, or a catalog, page, form or array
// that only gains signature fields (and the catalog a /DSS).
func checkUpdate(doc *document, k int) []string {
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf("revision %d (bytes %d-%d) ", k+1, doc.revisions[k-1].end, doc.revisions[k].end)+fmt.Sprintf(format, args...))
	}
	rootNow, ok1 := doc.revisions[k].trailer.get("Root")
	rootBefore, ok2 := trailerEntry(doc, k-1, "Root")
	if !ok1 || !ok2 || rootNow.kind != kRef || rootNow.ref != rootBefore.ref {
		bad("replaces the document catalog")
	}
	if _, ok := doc.revisions[k].trailer.get("Encrypt"); ok {
		bad("encrypts the file")
	}
	rev := doc.revisions[k]
	for _, n := range sortedKeys(rev.entries) {
		e := rev.entries[n]
		if n == 0 {
			continue
		}
		ref := objRef{n, e.gen}
		prev, errPrev := doc.lookup(objRef{n, 0}, k-1)
		if errPrev != nil && e.gen != 0 {
			prev, errPrev = doc.lookup(ref, k-1)
		}
		existed := errPrev == nil
		if e.free {
			if existed {
				bad("deletes object %d", n)
			}
			continue
		}
		if !existed {
			continue // a new object: only what is changed can draw it
		}
		now, err := readObject(doc.src, e.offset, ref)
		if err != nil {
			bad("%v", err)
			continue
		}
		if why := changeAllowed(doc, k, ref, rootNow.ref, prev, now); why != "" {
			bad("changes object %d (%s)", n, why)
		}
	}
	return problems
}

func trailerEntry(doc *document, k int, key string) (value, bool) {
	v, ok := doc.revisions[k].trailer.get(key)
	return v, ok
}

// changeAllowed returns "" when the new version of an existing object only
// adds signatures, else what it changes.
func changeAllowed(doc *document, k int, ref, root objRef, prev, now *object) string {
	if isSignature(now.val) || (isSigField(now.val) && isSigField(prev.val)) {
		return ""
	}
	if prev.stream || now.stream {
		return "content"
	}
	pv, nv := prev.val, now.val
	switch {
	case ref == root:
		return sameExcept(pv, nv, "AcroForm", "DSS", "Extensions")
	case pv.kind == kDict && pv.name("Type") == "Page":
		if why := sameExcept(pv, nv, "Annots"); why != "" {
			return why
		}
		return onlyAddsSignatures(doc, k, mustArray(doc, pv, "Annots", k-1), mustArray(doc, nv, "Annots", k))
	case pv.kind == kDict && isAcroForm(doc, k, ref):
		if why := sameExcept(pv, nv, "Fields", "SigFlags"); why != "" {
			return why
		}
		return onlyAddsSignatures(doc, k, mustArray(doc, pv, "Fields", k-1), mustArray(doc, nv, "Fields", k))
	case pv.kind == kArray && nv.kind == kArray:
		return onlyAddsSignatures(doc, k, pv.items, nv.items)
	}
	return "not a signature, page annotation or form"
}

func isSigField(v value) bool { return v.kind == kDict && v.name("FT") == "Sig" }

// isAcroForm reports whether ref is the catalog's /AcroForm at revision k.
func isAcroForm(doc *document, k int, ref objRef) bool {
	rootRef, ok := trailerEntry(doc, k, "Root")
	if !ok {
		return false
	}
	cat, err := doc.resolve(rootRef, k)
	if err != nil {
		return false
	}
	f, ok := cat.get("AcroForm")
	return ok && f.kind == kRef && f.ref == ref
}

// mustArray returns the items of an array entry (direct or by reference)
// at revision k; nil when absent.
func mustArray(doc *document, dict value, key string, k int) []value {
	v, ok := dict.get(key)
	if !ok {
		return nil
	}
	v, err := doc.resolve(v, k)
	if err != nil || v.kind != kArray {
		return []value{{kind: kNull, start: -1}} // matches nothing
	}
	return v.items
}

// onlyAddsSignatures checks that after holds every item of before, and
// that the items it adds are references to signature fields (widgets)
// as of revision k.
func onlyAddsSignatures(doc *document, k int, before, after []value) string {
	left := map[string]int{}
	for _, it := range after {
		left[canon(it)]++
	}
	for _, it := range before {
		c := canon(it)
		if left[c] == 0 {
			return "removes an entry"
		}
		left[c]--
	}
	for _, it := range after {
		c := canon(it)
		if left[c] == 0 {
			continue
		}
		left[c]--
		if it.kind != kRef {
			return "adds an entry that is not a signature field"
		}
		v, err := doc.resolve(it, k)
		if err != nil || !isSigField(v) {
			return "adds an entry that is not a signature field"
		}
	}
	return ""
}

// sameExcept compares two dictionaries but for the keys named.
func sameExcept(a, b value, except ...string) string {
	if a.kind != kDict || b.kind != kDict {
		return "not a dictionary"
	}
	keys := map[string]bool{}
	for _, k := range append(slices.Clone(a.keys), b.keys...) {
		keys[k] = true
	}
	for k := range keys {
		if slices.Contains(except, k) {
			continue
		}
		av, aok := a.get(k)
		bv, bok := b.get(k)
		if aok != bok || canon(av) != canon(bv) {
			return "/" + k
		}
	}
	return ""
}

// canon writes a value in one canonical form, so that two writings of the
// same value compare equal.
func canon(v value) string {
	var b strings.Builder
	var walk func(v value, depth int)
	walk = func(v value, depth int) {
		if depth > maxDepth {
			return
		}
		switch v.kind {
		case kNull:
			b.WriteString("null ")
		case kBool:
			b.WriteString(strconv.FormatBool(v.b) + " ")
		case kNumber:
			b.WriteString(strconv.FormatFloat(v.num, 'g', -1, 64) + " ")
		case kName:
			b.WriteString("/" + encodeName(v.s) + " ")
		case kString:
			fmt.Fprintf(&b, "<%x> ", v.s)
		case kRef:
			b.WriteString(v.ref.String() + " ")
		case kArray:
			b.WriteString("[")
			for _, it := range v.items {
				walk(it, depth+1)
			}
			b.WriteString("] ")
		case kDict:
			b.WriteString("<<")
			idx := make([]int, len(v.keys))
			for i := range idx {
				idx[i] = i
			}
			slices.SortFunc(idx, func(x, y int) int { return strings.Compare(v.keys[x], v.keys[y]) })
			for _, i := range idx {
				b.WriteString("/" + encodeName(v.keys[i]) + " ")
				walk(v.vals[i], depth+1)
			}
			b.WriteString(">> ")
		}
	}
	walk(v, 0)
	return b.String()
}

// ErrNotReadable is returned, wrapped, by CheckDetached for a signature it
// cannot read (a format it does not know, or a malformed value), as
// opposed to one it read and found false. Test with NotReadable.
var ErrNotReadable = errors.New("signature not readable")

// NotReadable reports whether err from CheckDetached means the signature
// could not be read, rather than read and found not to verify.
func NotReadable(err error) bool {
	return errors.Is(err, ErrNotReadable) || errors.Is(err, cms.ErrMalformed) || errors.Is(err, cms.ErrUnsupported)
}

// CheckDetached checks the value of a detached PDF signature made by any
// program (adbe.pkcs7.detached or ETSI.CAdES.detached) over the bytes it
// signs: that the signer's key signed exactly these bytes. It returns the
// signer's certificate and name when they can be read, even when the
// signature does not verify. Trust is not looked at.
func CheckDetached(signed, value []byte, subFilter string) (*x509.Certificate, string, error) {
	switch subFilter {
	case "ETSI.CAdES.detached", "adbe.pkcs7.detached":
	default:
		return nil, "", fmt.Errorf("%w: SubFilter /%s is not one this program checks (ETSI.CAdES.detached, adbe.pkcs7.detached)", ErrNotReadable, subFilter)
	}
	sd, err := cms.Parse(value)
	if err != nil {
		return nil, "", err
	}
	var signer *x509.Certificate
	if len(sd.Signers) == 1 {
		signer, _ = sd.Signers[0].Certificate(sd.Certificates)
	}
	name := ""
	if signer != nil {
		name = certName(signer)
	}
	if sd.Content != nil {
		return signer, name, errors.New("the signature encapsulates content; a PDF signature must be detached")
	}
	if _, err := sd.Verify(bytes.NewReader(signed)); err != nil {
		return signer, name, err
	}
	return signer, name, nil
}
