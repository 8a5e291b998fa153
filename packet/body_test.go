package packet_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/pdftest"
	"appealpacket/internal/signtest"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
	"appealpacket/packet/profile"
)

// TestCameraBodyInThePacket: the photo page shows the camera body's
// serial with where it was read, and when every photo names one body the
// statement says so (PHOTO_ONE_BODY); two bodies of one model are not one.
func TestCameraBodyInThePacket(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds a case of camera bodies")
	second := camera("2023:10:14 11:00:00")
	second.Serial = "5678"
	for _, tc := range []struct {
		name    string
		b       []byte
		want    []string
		wantNot []string
		oneBody bool
	}{
		{"one body", photo(t, 1, camera("2023:10:14 11:00:00")),
			[]string{"Camera body serial 1234 (EXIF SerialNumber)", "All of them were taken by one camera body, Canon EOS 90D, serial 1234."}, nil, true},
		{"two bodies of one model", photo(t, 1, second),
			[]string{"Camera body serial 1234 (EXIF SerialNumber)", "Camera body serial 5678 (EXIF SerialNumber)"}, []string{"one camera body"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := caseFiles(t, baseCase+"photos: [{path: a.jpg, listing: L1}, {path: b.jpg, listing: L1}]\n",
				map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "b.jpg": tc.b})
			res, flat := buildText(t, dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true})
			if got := slices.Contains(res.Findings.Codes(), "PHOTO_ONE_BODY"); got != tc.oneBody {
				t.Errorf("PHOTO_ONE_BODY %v, want %v", got, tc.oneBody)
			}
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("the packet lacks %q", w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(flat, w) {
					t.Errorf("the packet says %q", w)
				}
			}
		})
	}
}

// TestMakerNoteSerialOnThePhotoPage: a serial only the maker notes hold
// (the corpus's Olympus PEN E-P3) is shown on the photo page, naming the
// maker notes as its source, with the lens read from them.
func TestMakerNoteSerialOnThePhotoPage(t *testing.T) {
	testlevel.SkipIfShort(t, "builds a case of camera serials")
	t.Parallel()
	dir := corpusCase(t, "Olympus_PEN_E-P3.jpg")
	_, flat := buildText(t, dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true})
	for _, w := range []string{"Camera body serial B9U505495 (Olympus maker notes)", "Lens OLYMPUS M.17mm F1.8"} {
		if !strings.Contains(flat, w) {
			t.Errorf("the packet lacks %q:\n%s", w, flat)
		}
	}
}

// buildText builds the case in dir and returns the result and the
// packet's text (pdftotext, every page), its white space folded.
func buildText(t *testing.T, dir string, opts packet.Options) (*packet.Result, string) {
	t.Helper()
	res, err := buildCase(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.PageText(pdftest.Tool(t, "pdftotext"), res.PDF, 0)
	if err != nil {
		t.Fatal(err)
	}
	return res, strings.Join(strings.Fields(text), " ")
}

// selfSignedIn returns, as PEM, the self-signed certificates found in a
// file's bytes (DER certificates of an x5chain): for the Pixel 5 sample,
// Truepic's Lens RootCA. A real trust list comes from elsewhere (the
// signer's published root, the C2PA trust list); taking it from the file
// itself only serves the test.
func selfSignedIn(t *testing.T, data []byte) []byte {
	t.Helper()
	var out []byte
	for i := 0; i+4 < len(data); i++ {
		if data[i] != 0x30 || data[i+1] != 0x82 {
			continue
		}
		end := i + 4 + (int(data[i+2])<<8 | int(data[i+3]))
		if end > len(data) {
			continue
		}
		c, err := x509.ParseCertificate(data[i:end])
		if err != nil || !bytes.Equal(c.RawIssuer, c.RawSubject) || c.CheckSignatureFrom(c) != nil {
			continue
		}
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	if out == nil {
		t.Fatal("no self-signed certificate in the file")
	}
	return out
}

// TestContentCredentialsTrustList: with --c2pa-trust naming the root its
// signer chains to, the Pixel 5 capture's credentials are trusted and the
// page no longer says the signer is not on a trust list; another root
// leaves it untrusted; the cache keeps one result per trust list; a file
// that is no trust list fails the build, naming it.
func TestContentCredentialsTrustList(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds with and without a trust list")
	dir := corpusCase(t, "c2pa/camera_Pixel5_Truepic_Lens.jpg")
	pixel, err := os.ReadFile(filepath.Join(dir, "photos", "c2pa", "camera_Pixel5_Truepic_Lens.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	lists := t.TempDir()
	truepic, other, notPEM := filepath.Join(lists, "truepic.pem"), filepath.Join(lists, "other.pem"), filepath.Join(lists, "not.pem")
	os.WriteFile(truepic, selfSignedIn(t, pixel), 0o600)
	os.WriteFile(other, signtest.PEMCert(signtest.NewCA(t, "Unrelated Root").Cert), 0o600)
	os.WriteFile(notPEM, []byte("not a certificate\n"), 0o600)
	cacheDir := t.TempDir() // shared: a result for one list must not serve another
	const untrusted = "the signer's certificate is not on a trust list this packet checked"
	const trusted = "the signer's certificate chains to the trust list this packet was checked with"
	for _, tc := range []struct {
		name, trust string
		trusted     bool
	}{
		{"no trust list", "", false},
		{"the signer's root", truepic, true},
		{"another root", other, false},
		{"the signer's root again, from the cache", truepic, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, flat := buildText(t, dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true, CacheDir: cacheDir, C2PATrustFile: tc.trust})
			if !strings.Contains(flat, "valid Content Credentials, signed by Truepic Lens SDK") {
				t.Errorf("the packet does not show the credentials:\n%s", flat)
			}
			said := map[bool]string{false: untrusted, true: trusted}
			if !strings.Contains(flat, said[tc.trusted]) || strings.Contains(flat, said[!tc.trusted]) {
				t.Errorf("want the packet to say %q, not %q:\n%s", said[tc.trusted], said[!tc.trusted], flat)
			}
		})
	}
	// A profile names the trust list, relative to its own folder.
	exported, err := profile.Export("generic")
	if err != nil {
		t.Fatal(err)
	}
	profFile := filepath.Join(lists, "my-platform.yaml")
	os.WriteFile(profFile, append(exported, []byte("c2pa_trust: truepic.pem\n")...), 0o600)
	if _, flat := buildText(t, dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true, ProfileFile: profFile, CacheDir: cacheDir}); !strings.Contains(flat, trusted) {
		t.Errorf("the profile's c2pa_trust was not used:\n%s", flat)
	}
	_, err = buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true, C2PATrustFile: notPEM})
	if err == nil || !strings.Contains(err.Error(), notPEM) {
		t.Errorf("a trust list without certificates: err = %v", err)
	}
}
