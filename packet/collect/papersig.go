package collect

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"strings"

	"appealpacket/packet/evidence"
	"appealpacket/packet/pdfsrc"
	"appealpacket/packet/sign"
)

// readSignatures reads and checks the digital signatures of a PDF item. A
// failure to read them is a note.
func readSignatures(it *evidence.Item, data []byte, opts *Options) {
	fields, err := pdfsrc.Signatures(data, opts.PDFPassword)
	if err != nil {
		it.Notes = append(it.Notes, fmt.Sprintf("its digital signatures could not be read: %v", err))
	}
	for _, f := range fields {
		s := evidence.PaperSignature{Signer: f.Name, Declared: f.Declared, Kind: "signature", WholeFile: f.Covers(data)}
		if f.SubFilter == "ETSI.RFC3161" {
			s.Kind = "document timestamp"
			s.Problem, s.Unchecked = "document timestamps are not checked", true
			it.Signatures = append(it.Signatures, s)
			continue
		}
		signed, err := f.Signed(data)
		if err == nil {
			var name string
			var cert *x509.Certificate
			cert, name, err = sign.CheckDetached(signed, f.Contents, f.SubFilter)
			if name != "" {
				s.Signer = name
			}
			if cert != nil {
				s.Organization = strings.Join(cert.Subject.Organization, ", ")
			}
			s.SelfSigned = cert != nil && bytes.Equal(cert.RawIssuer, cert.RawSubject) &&
				cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature) == nil
		}
		if err != nil {
			s.Problem, s.Unchecked = err.Error(), sign.NotReadable(err)
		} else {
			s.Verifies = true
		}
		it.Signatures = append(it.Signatures, s)
	}
}
