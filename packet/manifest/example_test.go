package manifest_test

import (
	"fmt"

	"appealpacket/packet/manifest"
)

// Parse decodes case.yaml strictly; a listing picture may name the
// original it was made from.
func ExampleParse() {
	m, err := manifest.Parse([]byte(`version: 1
case: {id: IPP-2024-0001234, complaint_date: 2024-03-20}
seller: {legal_name: "Shenzhen Lumen Home Goods Co., Ltd."}
listings:
  - id: "1005006543210"
    images: [{path: listing/main.jpg, original: originals/IMG_0412.JPG}]
photos: [{path: originals/}]
`), "case.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	img := m.Listings[0].Images[0]
	fmt.Println(m.Case.ID, m.Case.Platform, m.Case.ComplaintDate)
	fmt.Println(img.Path.Raw, "from", img.Original.Raw)
	// Output:
	// IPP-2024-0001234 aliexpress 2024-03-20
	// listing/main.jpg from originals/IMG_0412.JPG
}

// Errors name the file, line and column, the field, and the nearest known
// field for a typo.
func ExampleParse_errors() {
	_, err := manifest.Parse([]byte("version: 1\ncase: {id: X-1, complaint_data: 2024-03-20}\nseller: {legal_name: S}\n"), "case.yaml")
	fmt.Println(err)
	// Output:
	// case.yaml:2:17: case: unknown field "complaint_data" (did you mean "complaint_date"?)
	//   2 | case: {id: X-1, complaint_data: 2024-03-20}
	//     |                 ^
}
