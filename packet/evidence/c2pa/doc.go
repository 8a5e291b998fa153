// Package c2pa reads and validates Content Credentials (C2PA manifests):
// the signed provenance that cameras, phones and editing tools embed in
// pictures. A valid capture manifest shows the device, the time and that
// the pixels are unchanged since capture; a manifest with edit actions and
// a parent ingredient shows that a picture was derived from a signed
// original.
//
// Inspect finds the manifest store (JPEG APP11 JUMBF segments reassembled
// by box instance and sequence number, the PNG caBX chunk, the ISO BMFF
// C2PA uuid box of HEIC and other BMFF files, the WebP C2PA chunk, or a
// stand-alone .c2pa store), parses its JUMBF boxes and CBOR claims and
// assertions, and validates, as the C2PA specification 1.x/2.x describes:
//   - the COSE_Sign1 claim signature (ES256/384/512, PS256/384/512,
//     Ed25519), its x5chain and the signer certificate's validity at the
//     time of the RFC 3161 time-stamp (sigTst, sigTst2), else at
//     Options.Now; the time-stamp token's own CMS signature is verified;
//   - trust: with Options.TrustAnchors the signer must chain to them,
//     without them a valid manifest reads Valid with
//     signingCredential.untrusted, never Trusted;
//   - the hashed URI of every assertion the claim lists;
//   - the hard binding: c2pa.hash.data over the file's bytes with its
//     exclusions, c2pa.hash.bmff (v1, v2, v3) over top-level boxes;
//   - ingredients: each c2pa.ingredient's link to its manifest (as C2PA
//     1.1+ hashes it, or as 1.0 writers did: over the ingredient's claim),
//     and that manifest validated in turn (up to Limits.MaxIngredientDepth);
//     its hard binding cannot be checked, the ingredient's bytes are not in
//     the file.
//
// A file without a store but whose XMP dcterms:provenance (JPEG, PNG,
// WebP) names a remote manifest reads StatusRemoteOnly; the manifest is
// never fetched. The signed camera facts of stds.exif assertions (make,
// model, body serial, capture time, GPS) are reported as Manifest.Capture.
//
// Results carry the status codes the specification names
// (claimSignature.validated, assertion.dataHash.mismatch, …) in
// success, informational and failure lists, and a validation state
// (Invalid, Valid, Trusted) as c2pa-rs computes it.
//
// Not supported (reported as algorithm.unsupported when a claim relies
// on it): c2pa.hash.boxes and c2pa.hash.collection.data bindings, BMFF
// exclusions of nested boxes or of box subsets, Merkle-tree BMFF hashes of
// fragmented MP4, remote data hashes. Not checked: OCSP responses (rVals),
// certificate revocation, the C2PA certificate profile (key usage, EKU),
// redactions, update manifests' parent links, and whether actions name
// their ingredients. Nothing is ever fetched from the network.
//
// Every input is untrusted: structures are walked with bounds checks and
// the caps of Limits (store size, box nesting and count, manifests,
// ingredient depth and count, certificates, exclusions); CBOR is decoded
// with nesting and size limits.
package c2pa
