package check

import (
	"regexp"
	"slices"
	"strings"

	"appealpacket/packet/chain"

	"appealpacket/packet/doctext"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// The terms of a letter the packet states from case.yaml (its exhibit page
// and the chain page say "Sublicense: yes", "worldwide") are compared with
// what the letter's text says of them. Only plain statements count: a
// letter that says nothing of sublicensing or territory says nothing
// either way.

// claimsWorldwide reports whether case.yaml gives a letter the whole world:
// no territories, or one that says so.
func claimsWorldwide(a *manifest.Authorization) bool {
	if len(a.Territories) == 0 {
		return true
	}
	return slices.ContainsFunc(a.Territories, doctext.Worldwide)
}

// checkTerms compares the sublicensing and the territory case.yaml gives a
// letter with what its text (or its translation) says. Saying more than
// the letter grants is an error: the packet would state a right the
// reviewer can read is withheld. Saying less is a warning: the packet
// understates the letter, and the chain may fail for a right it has.
func (p *paper) checkTerms(a *manifest.Authorization) finding.List {
	var fs finding.List
	add := func(sev finding.Severity, key string, args ...any) {
		fs = append(fs, finding.Finding{Code: DocTextMismatch, Severity: sev, Exhibit: p.e.ID, File: p.e.Files[0].Path.Rel,
			Message: p.text2(key, args...), Hint: p.text2(key+".hint", p.e.ID, a.ID)})
	}
	denied, granted := doctext.Sublicensing(p.text)
	if denied == "" && granted == "" {
		denied, granted = doctext.Sublicensing(p.translation)
	}
	switch {
	case a.Sublicense && denied != "":
		add(finding.Error, "doc.sublicense.denied", p.e.ID, denied)
	case !a.Sublicense && granted != "":
		add(finding.Warning, "doc.sublicense.granted", p.e.ID, granted)
	}
	t, worldwide := doctext.Territory(p.text)
	if t == "" {
		p.checkPlacesOfUse(a, add)
	}
	if t != "" && !worldwide {
		if claimsWorldwide(a) {
			// A territory that names a place contradicts "worldwide"; one
			// that names none ("as set out in Schedule 1") is for the
			// seller to read.
			sev := finding.Warning
			if chain.NamesPlace(t) {
				sev = finding.Error
			}
			add(sev, "doc.territory", p.e.ID, doctext.Quote(t))
		} else {
			// Territories the stated one plainly does not cover ("US" for
			// a letter for mainland China); an entry or a text naming no
			// known place says nothing.
			var beyond []string
			included, excluded := doctext.SplitExclusion(t)
			for _, e := range a.Territories {
				if covers, known := chain.TerritoryCovers(included, excluded, e); known && !covers {
					beyond = append(beyond, e)
				}
			}
			if len(beyond) > 0 {
				add(finding.Error, "doc.territory.beyond", p.e.ID, doctext.Quote(t), strings.Join(beyond, p.text2("list.sep")))
			}
		}
	}
	return fs
}

// checkPlacesOfUse compares the territory case.yaml gives a letter whose
// text states none under a label with where its words let the grantee use
// or sell ("to sell the Products in the United States", 在中国大陆地区销售).
// Read without a label, that is a warning: the seller reads the letter
// and decides.
func (p *paper) checkPlacesOfUse(a *manifest.Authorization, add func(finding.Severity, string, ...any)) {
	for _, place := range doctext.PlacesOfUse(p.text) {
		if !chain.NamesPlace(place) || doctext.Worldwide(place) {
			continue
		}
		if parts := doctext.TerritoryEntries(place); !slices.ContainsFunc(parts, chain.NamesPlace) || slices.ContainsFunc(parts, func(e string) bool { return !chain.NamesPlace(e) }) {
			continue // a place of a list that names none known (加拿大) says nothing either way
		}
		if claimsWorldwide(a) {
			add(finding.Warning, "doc.territory.unlabelled", p.e.ID, doctext.Quote(place))
			return
		}
		var beyond []string
		for _, e := range a.Territories {
			if covers, known := chain.TerritoryCovers(place, "", e); known && !covers {
				beyond = append(beyond, e)
			}
		}
		if len(beyond) > 0 {
			add(finding.Warning, "doc.territory.unlabelled.beyond", p.e.ID, doctext.Quote(place), strings.Join(beyond, p.text2("list.sep")))
			return
		}
	}
}

// checkSigners compares the company each digital signature of a letter is
// made for (its certificate's organisation) with the grantor. A signature
// for the grantee (the party the letter authorizes), or for a company the
// letter names nowhere, is a warning: the exhibit page shows who signed,
// and a reviewer may ask what that company has to do with the grant. A signature whose certificate names no company (a
// person's certificate) says nothing either way.
func (p *paper) checkSigners(a *manifest.Authorization, grantorAlts, granteeAlts []string) finding.List {
	var fs finding.List
	said := map[string]bool{}
	is := func(org string, names []string) bool {
		return slices.ContainsFunc(names, func(n string) bool { return sameCompany(n, org) })
	}
	for _, it := range p.e.Files {
		if it == nil || it == p.e.Translation {
			continue
		}
		for _, s := range it.Signatures {
			org := strings.TrimSpace(s.Organization)
			if s.Kind != "signature" || org == "" || said[org] {
				continue
			}
			said[org] = true
			key := "doc.signer"
			base, _ := withoutCity(org)
			switch {
			case is(org, append([]string{a.Grantor}, grantorAlts...)):
				continue
			case is(org, append([]string{a.Grantee}, granteeAlts...)):
				key = "doc.signer.grantee" // the party the letter authorizes
			case p.shows(org, claim{party: true}):
				continue
			case base != org && p.shows(base, claim{party: true}):
				continue // 巴泰电子（深圳）有限公司 for the 巴泰电子有限公司 the letter names
			}
			fs = append(fs, finding.Finding{Code: DocSignerMismatch, Severity: finding.Warning, Exhibit: p.e.ID, File: it.Path.Rel,
				Message: p.text2(key, p.e.ID, cmpOr(s.Signer, org), org, a.Grantor),
				Hint:    p.text2(key+".hint", p.e.ID, org)})
		}
	}
	return fs
}

// cities are the cities and provinces a Chinese company's full legal name
// gives beside its name, in brackets or before it ("Bartech Electronics
// (Shenzhen) Co., Ltd.", 深圳市巴泰电子有限公司), in Chinese, in pinyin and
// as the initials of its syllables, by which English papers abbreviate it
// ("SZ"; initials are not one city's: SZ is also Suzhou).
// Hong Kong is not among them (a company there is another legal entity),
// nor are words like 集团 or Holdings.
var cities = [][3]string{
	{"深圳", "shenzhen", "sz"}, {"广州", "guangzhou", "gz"}, {"东莞", "dongguan", "dg"}, {"佛山", "foshan", "fs"},
	{"中山", "zhongshan", "zs"}, {"珠海", "zhuhai", "zh"}, {"惠州", "huizhou", "hz"}, {"汕头", "shantou", "st"},
	{"江门", "jiangmen", "jm"}, {"上海", "shanghai", "sh"}, {"北京", "beijing", "bj"}, {"天津", "tianjin", "tj"},
	{"重庆", "chongqing", "cq"}, {"杭州", "hangzhou", "hz"}, {"宁波", "ningbo", "nb"}, {"温州", "wenzhou", "wz"},
	{"义乌", "yiwu", "yw"}, {"金华", "jinhua", "jh"}, {"台州", "taizhou", "tz"}, {"绍兴", "shaoxing", "sx"},
	{"苏州", "suzhou", "sz"}, {"无锡", "wuxi", "wx"}, {"常州", "changzhou", "cz"}, {"南京", "nanjing", "nj"},
	{"南通", "nantong", "nt"}, {"厦门", "xiamen", "xm"}, {"福州", "fuzhou", "fz"}, {"泉州", "quanzhou", "qz"},
	{"晋江", "jinjiang", "jj"}, {"莆田", "putian", "pt"}, {"青岛", "qingdao", "qd"}, {"济南", "jinan", "jn"},
	{"烟台", "yantai", "yt"}, {"武汉", "wuhan", "wh"}, {"长沙", "changsha", "cs"}, {"成都", "chengdu", "cd"},
	{"西安", "xian", "xa"}, {"郑州", "zhengzhou", "zz"}, {"合肥", "hefei", "hf"}, {"南昌", "nanchang", "nc"},
	{"昆明", "kunming", "km"}, {"沈阳", "shenyang", "sy"}, {"大连", "dalian", "dl"}, {"广东", "guangdong", "gd"},
	{"浙江", "zhejiang", "zj"}, {"江苏", "jiangsu", "js"}, {"福建", "fujian", "fj"}, {"山东", "shandong", "sd"},
	{"湖北", "hubei", "hb"}, {"湖南", "hunan", "hn"}, {"四川", "sichuan", "sc"}, {"河南", "henan", "hn"},
	{"河北", "hebei", "hb"}, {"安徽", "anhui", "ah"}, {"江西", "jiangxi", "jx"},
}

// leadingCity is a known city before a company's name: 深圳市巴泰电子,
// 深圳巴泰电子, "Shenzhen Lumen Home Goods".
var leadingCity = func() *regexp.Regexp {
	var han, latin []string
	for _, c := range cities {
		han = append(han, c[0])
		latin = append(latin, strings.ReplaceAll(c[1], "xian", "xi'?an"))
	}
	return regexp.MustCompile(`(?i)^(?:(` + strings.Join(han, "|") + `)(?:市|省)?|(` + strings.Join(latin, "|") + `)\s+)`)
}()

// bracketed is a part of a name in brackets: "(Shenzhen)", （昆山）.
var bracketed = regexp.MustCompile(`\s*[（(]([^（）()]{1,24})[）)]\s*`)

// notACity are words a company's name gives in brackets that make it
// another legal entity, not the same company's city.
var notACity = regexp.MustCompile(`(?i)^(?:集团|控股|香港|澳门|台湾|国际|中国|亚洲|亚太|实业|科技|贸易|投资|总部|分公司|holdings?|group|international|intl|hk|hong\s*kong|macau|taiwan|china|asia|asia\s*pacific|global|trading|technology|tech|limited|ltd|co|usa|us|uk|eu|europe)$`)

// cityKey is the city a part of a name in brackets gives, as pinyin when
// cities knows it ("shenzhen" for 深圳市 and "Shen Zhen"), else as
// written; "" for words that are no city (Holdings, 集团, 香港).
func cityKey(part string) string {
	part = strings.TrimSpace(part)
	han := strings.TrimRight(part, "市省区")
	part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(part, " City"), " city"))
	latin := strings.ToLower(strings.NewReplacer(" ", "", "'", "", "-", "").Replace(part))
	if notACity.MatchString(han) || notACity.MatchString(part) {
		return ""
	}
	for _, c := range cities {
		if c[0] == han || c[1] == latin {
			return c[1]
		}
	}
	switch {
	case cjkName.MatchString(han):
		return han // 昆山
	case latinCity.MatchString(part):
		return latin // Jiaxing
	}
	return ""
}

// cjkName and latinCity are the shapes of a city no table holds: two to
// four Chinese characters, or one or two words of letters.
var (
	cjkName   = regexp.MustCompile(`^\p{Han}{2,4}$`)
	latinCity = regexp.MustCompile(`^[A-Za-z]+(?: [A-Za-z]+)?$`)
)

// withoutCity is a company's name without the city its full legal name
// gives, and that city ("" for none): "Bartech Electronics Co., Ltd." for
// "Bartech Electronics (Shenzhen) Co., Ltd.", 巴泰电子有限公司 for
// 巴泰电子（深圳）有限公司, 深圳市巴泰电子有限公司 and 深圳巴泰电子有限公司,
// "Lumen Home Goods Co., Ltd." for "Shenzhen Lumen Home Goods Co., Ltd.".
func withoutCity(name string) (string, string) {
	for _, m := range bracketed.FindAllStringSubmatchIndex(name, -1) {
		if city := cityKey(name[m[2]:m[3]]); city != "" {
			return strings.Join(strings.Fields(name[:m[0]]+" "+name[m[1]:]), " "), city
		}
	}
	if m := leadingCity.FindStringSubmatchIndex(name); m != nil {
		g := 2
		if m[g] < 0 {
			g = 4
		}
		return strings.TrimSpace(name[m[1]:]), cityKey(name[m[g]:m[g+1]])
	}
	return name, ""
}

// abbreviatedCity reports whether name is other with the city of other's
// full legal name written as its initials ("Bartech Electronics (SZ) Co.,
// Ltd." for "Bartech Electronics (Shenzhen) Co., Ltd.", "SZ Lumen Home
// Goods Co., Ltd." for "Shenzhen Lumen Home Goods Co., Ltd."), and returns
// the initials and the city.
func abbreviatedCity(name, other string) (abbr, city string, ok bool) {
	base, key := withoutCity(other)
	if key == "" {
		return "", "", false
	}
	i := slices.IndexFunc(cities, func(c [3]string) bool { return c[1] == key })
	if i < 0 {
		return "", "", false
	}
	initials := cities[i][2]
	rest := ""
	if m := leadingInitials.FindStringSubmatch(name); m != nil && strings.EqualFold(m[1], initials) {
		abbr, rest = m[1], name[len(m[0]):]
	} else {
		for _, m := range bracketed.FindAllStringSubmatchIndex(name, -1) {
			if part := strings.TrimSpace(name[m[2]:m[3]]); strings.EqualFold(part, initials) {
				abbr, rest = part, name[:m[0]]+" "+name[m[1]:]
				break
			}
		}
	}
	if abbr == "" || chain.NormalizeParty(rest) != chain.NormalizeParty(base) {
		return "", "", false
	}
	return abbr, strings.ToUpper(key[:1]) + key[1:], true
}

// leadingInitials are capitals before a company's name: "SZ Lumen Home
// Goods Co., Ltd.".
var leadingInitials = regexp.MustCompile(`^([A-Z]{2,3})\s+`)

// sameCompany reports whether two company names name one company: the
// same name, in any company form, but for the city a full legal name gives
// ("Bartech Electronics (Shenzhen) Co., Ltd." is the "Bartech Electronics
// Co., Ltd." case.yaml writes short). Two cities are two companies
// (Shenzhen … and Guangzhou …), and so is a name with other words added
// ("Bartech Electronics (Holdings) Limited", 巴泰电子（香港）有限公司).
func sameCompany(a, b string) bool {
	na, ca := withoutCity(a)
	nb, cb := withoutCity(b)
	if ca != "" && cb != "" && ca != cb {
		return false
	}
	ka, kb := chain.NormalizeParty(na), chain.NormalizeParty(nb)
	return ka != "" && ka == kb
}
