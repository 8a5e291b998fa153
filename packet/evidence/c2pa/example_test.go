package c2pa_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"

	"appealpacket/packet/evidence/c2pa"
)

func ExampleInspect() {
	// In real use: f, _ := os.Open("IMG_0012.JPG"); st, _ := f.Stat();
	// c2pa.Inspect(f, st.Size(), opts). The file is only read.
	file, rootPEM := c2pa.SampleSigned()

	rep := c2pa.Inspect(bytes.NewReader(file), int64(len(file)), c2pa.Options{Now: c2pa.SampleTime})
	fmt.Println(rep.Status, rep.Format, "-", rep.Summary)
	m := rep.ActiveManifest
	fmt.Println("signed by", m.Signer.CommonName, "issued by", m.Signer.Issuer, "with", m.Signer.Algorithm)
	fmt.Println("time-stamped", m.SigningTime, "by", m.TimeStamp.Authority)
	fmt.Println("captured with", m.Capture.Make, m.Capture.Model, "at", m.Capture.DateTimeOriginal)
	for _, a := range m.Actions {
		fmt.Println("action", a.Action, "by", a.SoftwareAgent)
	}
	fmt.Println("failures:", c2pa.Codes(m.Validation.Failure))

	// With the signer's root on a trust list, the same file is Trusted.
	anchors, err := c2pa.LoadTrustAnchors(rootPEM)
	if err != nil {
		log.Fatal(err)
	}
	rep = c2pa.Inspect(bytes.NewReader(file), int64(len(file)), c2pa.Options{TrustAnchors: anchors, Now: c2pa.SampleTime})
	fmt.Println(rep.State, "-", rep.Summary)

	// The report is JSON with stable keys (a C2PA object in inspect --json).
	b, _ := json.Marshal(rep)
	fmt.Println(string(b[:40]))
	// Output:
	// present JPEG - valid, signer not on a trust list
	// signed by Fixture Camera issued by Fixture Root CA with ES256
	// time-stamped 2024-03-01T11:00:00Z by Fixture TSA
	// captured with Fixture Devices Fixture Camera at 2024-03-01T18:59:58+08:00
	// action c2pa.created by Fixture Camera 1.0
	// failures: [signingCredential.untrusted]
	// Trusted - trusted: signer on the trust list
	// {"status":"present","format":"JPEG","sum
}
