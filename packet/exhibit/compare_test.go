package exhibit

import (
	"appealpacket/internal/testlevel"
	"fmt"
	"image"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/c2pa"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
)

// comparedCase numbers a case of five photos (distinct scenes) and the
// listing pictures given, each made from a photo (index) or from a scene
// of its own (-1), with the images: entries written as given.
func comparedCase(t *testing.T, images string, from []int) *Set {
	t.Helper()
	return comparedCaseWith(t, images, from, nil)
}

// comparedCaseWith is comparedCase with Content Credentials (by file
// name) set on the items before the comparison.
func comparedCaseWith(t *testing.T, images string, from []int, creds map[string]*c2pa.Report) *Set {
	t.Helper()
	m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1}
seller: {legal_name: L}
listings: [{id: "1", published: 2023-11-02, images: `+images+`}]
photos: [{path: p1.jpg}, {path: p2.jpg}, {path: p3.jpg}, {path: p4.jpg}, {path: p5.jpg}]
`), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*evidence.Item{}
	scenes := make([]*image.RGBA, 5)
	for i := range m.Photos {
		p := &m.Photos[i].Path
		p.Rel = p.Raw
		scenes[i] = fixture.Discs(i+1, 1200, 900)
		items[p.Rel] = &evidence.Item{Path: *p, Fingerprint: match.Of(scenes[i])}
	}
	for j := range m.Listings[0].Images {
		img := &m.Listings[0].Images[j]
		img.Path.Rel = img.Path.Raw
		for _, d := range img.Declared() {
			d.Rel = d.Raw
		}
		src := fixture.Discs(42+7*j, 1200, 900) // unlike any photo (seed 100 would alias seed 1)
		if from[j] >= 0 {
			src = scenes[from[j]]
		}
		listing := fixture.Cut(src, image.Rect(200, 100, 1000, 900), 800, 800)
		items[img.Path.Rel] = &evidence.Item{Path: img.Path, Fingerprint: match.Of(listing)}
	}
	for name, r := range creds {
		if items[name] == nil {
			t.Fatalf("credentials for %s, not a file of the case", name)
		}
		items[name].C2PA = r
	}
	p := Number(m, items)
	p.CompareListings()
	return p
}

// origins formats a listing exhibit's origins as "P-4 matched, P-2 declared".
func origins(e *Exhibit) string {
	s := ""
	for i, o := range e.Comparison.Origins {
		if i > 0 {
			s += ", "
		}
		s += o.Original.ID + " " + o.How
		if o.SellerDeclared {
			s += "+seller"
		}
	}
	return s
}

func TestCompareListings(t *testing.T) {
	testlevel.SkipIfShort(t, "matches listing pictures")
	for _, tt := range []struct {
		name    string
		images  string
		from    []int
		want    []string // origins of each listing picture
		unknown []int    // declared originals that are not photos, per picture
	}{
		{"one of five photos", `[l1.jpg]`, []int{3}, []string{"P-4 matched"}, []int{0}},
		{"no original", `[l1.jpg]`, []int{-1}, []string{""}, []int{0}},
		{"declared and confirmed", `[{path: l1.jpg, original: p2.jpg}]`, []int{1}, []string{"P-2 matched+seller"}, []int{0}},
		{"declared, not confirmed", `[{path: l1.jpg, original: p5.jpg}]`, []int{-1}, []string{"P-5 declared+seller"}, []int{0}},
		{"matched and another declared", `[{path: l1.jpg, originals: [p5.jpg, p1.jpg]}]`, []int{0},
			[]string{"P-1 matched+seller, P-5 declared+seller"}, []int{0}},
		{"declared file is not a photo", `[{path: l1.jpg, original: other.jpg}]`, []int{2}, []string{"P-3 matched"}, []int{1}},
		{"two pictures", `[l1.jpg, l2.jpg]`, []int{4, 0}, []string{"P-5 matched", "P-1 matched"}, []int{0, 0}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := comparedCase(t, tt.images, tt.from)
			ls := p.ExhibitsOf(Listing)
			if len(ls) != len(tt.want) {
				t.Fatalf("%d listing exhibits, want %d", len(ls), len(tt.want))
			}
			for i, e := range ls {
				if got := origins(e); got != tt.want[i] {
					t.Errorf("%s: origins %q, want %q", e.ID, got, tt.want[i])
				}
				if got := len(e.Comparison.Unknown); got != tt.unknown[i] {
					t.Errorf("%s: %d unknown declared originals, want %d", e.ID, got, tt.unknown[i])
				}
				if !e.Comparison.Compared {
					t.Errorf("%s: not compared", e.ID)
				}
				if len(e.Comparison.Origins) == 0 && e.Comparison.Nearest == nil {
					t.Errorf("%s: no origin and no nearest photo", e.ID)
				}
				for _, o := range e.Comparison.Origins {
					if o.How == Matched && (o.Distance > match.Threshold || o.Region.X1 <= o.Region.X0) {
						t.Errorf("%s: matched origin %s at distance %d, region %+v", e.ID, o.Original.ID, o.Distance, o.Region)
					}
				}
			}
		})
	}
}

func ExampleSet_CompareListings() {
	m, _ := manifest.Parse([]byte(`version: 1
case: {id: C-1}
seller: {legal_name: L}
listings: [{id: "1", images: [l.jpg]}]
photos: [{path: a.jpg}, {path: b.jpg}]
`), "case.yaml")
	a, b := fixture.Discs(1, 1200, 900), fixture.Discs(2, 1200, 900)
	items := map[string]*evidence.Item{
		"a.jpg": {Fingerprint: match.Of(a)},
		"b.jpg": {Fingerprint: match.Of(b)},
		"l.jpg": {Fingerprint: match.Of(fixture.Cut(b, image.Rect(150, 0, 1050, 900), 800, 800))},
	}
	for _, p := range []*manifest.Path{&m.Photos[0].Path, &m.Photos[1].Path, &m.Listings[0].Images[0].Path} {
		p.Rel = p.Raw
		items[p.Rel].Path = *p
	}
	p := Number(m, items)
	p.CompareListings()
	for _, o := range p.Exhibit("L-1").Comparison.Origins {
		fmt.Println(o.Original.ID, o.How)
	}
	// Output: P-2 matched
}

// credentials is a validated report whose active manifest has the label
// and the ingredients' manifests given.
func credentials(state, label string, ingredients ...*c2pa.Manifest) *c2pa.Report {
	m := &c2pa.Manifest{Label: label, State: state}
	for _, ing := range ingredients {
		m.Ingredients = append(m.Ingredients, c2pa.Ingredient{Title: "original.jpg", Relationship: "parentOf", Manifest: ing})
	}
	return &c2pa.Report{Status: c2pa.StatusPresent, State: state, ManifestCount: 1 + len(ingredients), ActiveManifest: m}
}

// TestCredentialsLinkListingToOriginal: a listing picture whose valid
// Content Credentials name a photo's manifest as an ingredient (at any
// depth) has that photo as an origin, how "c2pa" when the pictures do not
// match and as a matched origin marked Credentials when they do; invalid
// credentials on either side link nothing.
// TestCompareListingsCitesTheCameraOriginalFirst: a resized copy of the
// original that kept its EXIF (found edited) matches the listing picture
// more closely than the original does; the original is cited first. Two
// originals are cited closest first.
func TestCompareListingsCitesTheCameraOriginalFirst(t *testing.T) {
	scene := fixture.Discs(3, 1200, 900)
	listing := fixture.Cut(scene, image.Rect(200, 100, 1000, 900), 800, 800)
	for _, tt := range []struct {
		name         string
		copyIsEdited bool
		want         string
	}{
		{"the copy found edited", true, "P-1 matched, P-2 matched"},
		{"both camera originals", false, "P-2 matched, P-1 matched"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1}
seller: {legal_name: L}
listings: [{id: "1", published: 2023-11-02, images: [l1.jpg]}]
photos: [{path: camera.jpg}, {path: copy.jpg}]
`), "case.yaml")
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []*manifest.Path{&m.Photos[0].Path, &m.Photos[1].Path, &m.Listings[0].Images[0].Path} {
				p.Rel = p.Raw
			}
			items := map[string]*evidence.Item{
				// The copy is framed nearer the listing picture, so it
				// matches more closely; only its being found edited puts
				// it after the camera's file.
				"camera.jpg": {Path: m.Photos[0].Path, Fingerprint: match.Of(fixture.Cut(scene, image.Rect(150, 50, 1050, 950), 900, 900)),
					Originality: &evidence.Originality{}},
				"copy.jpg": {Path: m.Photos[1].Path, Fingerprint: match.Of(scene),
					Originality: &evidence.Originality{Derived: tt.copyIsEdited}},
				"l1.jpg": {Path: m.Listings[0].Images[0].Path, Fingerprint: match.Of(listing)},
			}
			p := Number(m, items)
			p.CompareListings()
			p.CameraOriginalsFirst(map[string]bool{"P-2": tt.copyIsEdited}) // as check.NotOriginalPhotos finds
			l := p.ExhibitsOf(Listing)[0]
			if got := origins(l); got != tt.want {
				t.Errorf("origins %q, want %q", got, tt.want)
			}
			d := map[string]int{}
			for _, o := range l.Comparison.Origins {
				d[o.Original.ID] = o.Distance
			}
			if d["P-2"] >= d["P-1"] {
				t.Errorf("distances %v: the copy should match more closely than the camera's file", d)
			}
		})
	}
}

func TestCredentialsLinkListingToOriginal(t *testing.T) {
	testlevel.SkipIfShort(t, "matches listing pictures")
	const photoLabel, otherLabel = "urn:uuid:photo-3", "urn:uuid:elsewhere"
	ingredient := &c2pa.Manifest{Label: photoLabel, State: c2pa.StateValid}
	nested := &c2pa.Manifest{Label: "urn:uuid:edit", State: c2pa.StateValid,
		Ingredients: []c2pa.Ingredient{{Title: "p3.jpg", Manifest: ingredient}}}
	for _, tt := range []struct {
		name            string
		from            int
		listing, photo3 *c2pa.Report
		want            string
		credentials     bool
	}{
		{"named, pictures unlike", -1, credentials(c2pa.StateValid, "urn:uuid:listing", ingredient), credentials(c2pa.StateValid, photoLabel), "P-3 c2pa", true},
		{"named two levels down", -1, credentials(c2pa.StateValid, "urn:uuid:listing", nested), credentials(c2pa.StateTrusted, photoLabel), "P-3 c2pa", true},
		{"named and matched", 2, credentials(c2pa.StateValid, "urn:uuid:listing", ingredient), credentials(c2pa.StateValid, photoLabel), "P-3 matched", true},
		{"matched, not named", 2, credentials(c2pa.StateValid, "urn:uuid:listing", &c2pa.Manifest{Label: otherLabel}), credentials(c2pa.StateValid, photoLabel), "P-3 matched", false},
		{"another manifest named", -1, credentials(c2pa.StateValid, "urn:uuid:listing", &c2pa.Manifest{Label: otherLabel}), credentials(c2pa.StateValid, photoLabel), "", false},
		{"listing credentials invalid", -1, credentials(c2pa.StateInvalid, "urn:uuid:listing", ingredient), credentials(c2pa.StateValid, photoLabel), "", false},
		{"photo credentials invalid", -1, credentials(c2pa.StateValid, "urn:uuid:listing", ingredient), credentials(c2pa.StateInvalid, photoLabel), "", false},
		{"photo without credentials", -1, credentials(c2pa.StateValid, "urn:uuid:listing", ingredient), nil, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			creds := map[string]*c2pa.Report{"l1.jpg": tt.listing}
			if tt.photo3 != nil {
				creds["p3.jpg"] = tt.photo3
			}
			p := comparedCaseWith(t, `[l1.jpg]`, []int{tt.from}, creds)
			e := p.Exhibit("L-1")
			if got := origins(e); got != tt.want {
				t.Errorf("origins %q, want %q", got, tt.want)
			}
			if len(e.Comparison.Origins) > 0 && e.Comparison.Origins[0].Credentials != tt.credentials {
				t.Errorf("Credentials %v, want %v", e.Comparison.Origins[0].Credentials, tt.credentials)
			}
		})
	}
}
