package chain_test

import (
	"fmt"
	"strings"

	"appealpacket/packet/chain"
	"appealpacket/packet/manifest"
)

func ExampleAnalyze() {
	m, err := manifest.Parse([]byte(`version: 1
case: {id: IPP-2024-0001234, platform: aliexpress, complaint_date: 2024-03-20}
seller: {legal_name: "Shenzhen Bartech Technology Co., Ltd.", store: "Bartech Official Store"}
listings: [{id: "1005006543210", published: 2023-11-02}]
trademarks:
  - {id: TM1, mark: BARTECH, owner: "Bartech Holdings Limited", registered: 2021-05-14,
     expires: 2031-05-13, files: [certs/tm.pdf]}
authorizations:
  - {grantor: "Bartech Holdings Ltd.", grantee: "Guangzhou Dist Co., Ltd.", trademarks: [TM1],
     territories: [worldwide], from: 2022-01-01, to: 2026-12-31, files: [auth/a1.pdf]}
  - {grantor: "GUANGZHOU DIST CO LTD", grantee: "Bartech Official Store", trademarks: [TM1],
     platforms: [aliexpress], territories: [全球], from: 2023-01-01, to: 2024-01-31, files: [auth/a2.pdf]}
`), "case.yaml")
	if err != nil {
		panic(err)
	}
	exhibit := func(prefix, trim string) func(string) string {
		return func(id string) string { return prefix + strings.TrimPrefix(id, trim) }
	}
	r := chain.Analyze(m, chain.Exhibits{Trademark: exhibit("T-", "TM"), Authorization: exhibit("A-", "AUTH")})
	for _, tm := range r.Trademarks {
		fmt.Println(tm.Trademark.Mark+":", tm.Summary)
	}
	for _, f := range r.Findings {
		fmt.Println(f)
		fmt.Println("  what to do:", f.Hint)
	}
	// Output:
	// BARTECH: The only chain from Bartech Holdings Limited to the seller, A-1 → A-2, has 2 problems.
	// error AUTH_NO_SUBLICENSE [A-1]: Authorization A-1 from Bartech Holdings Ltd. to Guangzhou Dist Co., Ltd. does not allow Guangzhou Dist Co., Ltd. to authorize others (no right to sublicense), yet the chain goes on with authorization A-2 from GUANGZHOU DIST CO LTD to Bartech Official Store. (case.yaml:9:5)
	//   what to do: Ask Bartech Holdings Ltd. for a letter that allows Guangzhou Dist Co., Ltd. to sublicense (转授权), or get an authorization directly from Bartech Holdings Ltd. If the letter of AUTH1 already allows it, set its `sublicense:` to true (case.yaml:9:5).
	// error AUTH_EXPIRED [A-2]: Authorization A-2 from GUANGZHOU DIST CO LTD to Bartech Official Store ended on 2024-01-31, before the complaint was made on 2024-03-20. (case.yaml:12:72)
	//   what to do: If GUANGZHOU DIST CO LTD renewed the authorization, add the renewal as another authorization with the same grantor and grantee; otherwise ask GUANGZHOU DIST CO LTD for a renewed letter covering 2024-03-20. Correct the `to:` date of AUTH2 (case.yaml:12:72) only if it was copied wrong from the letter.
}
