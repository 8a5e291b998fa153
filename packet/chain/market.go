package chain

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"appealpacket/internal/i18n"
	"appealpacket/packet/manifest"
)

// Platforms and markets.
//
// An authorization's platforms cover the case platform when the list is
// empty, or when one entry, compared with key (case, width, spaces and
// punctuation ignored), is "all" / "all platforms" / "any platform" / "all
// online platforms" / "all e-commerce platforms" / 所有平台 / 全平台 / 全部平台 /
// 所有电商平台 / 全网, or names the platform: it starts with the platform's
// name ("AliExpress", "amazon.com", "Amazon US") or is its Chinese name
// (速卖通 / 全球速卖通, 亚马逊, 虾皮). On the "generic" platform (a marketplace
// appealpacket does not know) the platform list is not checked.
//
// An authorization's territories cover the platform's market when the list
// is empty (no territorial limit), when one entry is worldwide (worldwide /
// global / globally / world / whole world / all / all countries / all
// countries and regions / all regions / 全球 / 全世界 / 世界 / 世界各地 / 世界范围
// / 全球范围 / 所有国家 / 所有国家和地区), or as the market requires:
//
//	aliexpress, temu, generic: worldwide: they sell cross-border to every
//	    country, so only a worldwide territory covers them.
//	amazon: the marketplaces of the case's listings, read from their URLs
//	    (amazon.com US, .ca CA, .com.mx MX, .com.br BR, .co.uk GB, .de DE,
//	    .fr FR, .it IT, .es ES, .nl NL, .se SE, .pl PL, .com.be BE, .ie IE,
//	    .com.tr TR, .co.jp JP, .com.au AU, .sg SG, .in IN, .ae AE, .sa SA,
//	    .eg EG, .co.za ZA): every one must be covered. When no listing URL
//	    names a marketplace, covering at least one of them is enough.
//	shopee: likewise, from shopee.sg SG, .com.my MY, .co.th TH, .vn VN,
//	    .ph PH, .co.id ID, .tw TW, .com.br BR.
//
// A territory entry covers a country when it names it (ISO code, English
// name or Chinese name: "US", "USA", "United States", 美国; "UK", "Great
// Britain", 英国 ...) or a region containing it:
//
//	EU / European Union / 欧盟: DE FR IT ES NL SE PL BE IE
//	Europe / 欧洲: the EU ones and GB
//	North America / 北美: US CA MX;  Americas / 美洲: US CA MX BR
//	Latin America / LATAM / 拉美: MX BR;  South America / 南美: BR
//	Southeast Asia / SEA / ASEAN / 东南亚: SG MY TH VN PH ID
//	Asia / 亚洲: JP SG IN AE SA MY TH VN PH ID TW
//	Middle East / MENA / 中东: AE SA EG;  Africa / 非洲: EG ZA
//	Oceania / 大洋洲: AU;  Greater China / 大中华区: TW
//
// Anything else ("China", "Greater Bay Area") covers none of these markets.

// platformInfo describes one case platform.
type platformInfo struct {
	label     string   // for messages
	names     []string // keys naming it in an authorization's platforms
	worldwide bool     // its market is the whole world
	domain    string   // the host label of its listing URLs
	markets   map[string]string
}

func platformOf(name string) platformInfo {
	switch name {
	case "amazon":
		return platformInfo{label: "Amazon", names: []string{"amazon", "亚马逊"}, domain: "amazon", markets: map[string]string{
			"com": "US", "ca": "CA", "com.mx": "MX", "com.br": "BR", "co.uk": "GB", "de": "DE", "fr": "FR",
			"it": "IT", "es": "ES", "nl": "NL", "se": "SE", "pl": "PL", "com.be": "BE", "ie": "IE",
			"com.tr": "TR", "co.jp": "JP", "com.au": "AU", "sg": "SG", "in": "IN", "ae": "AE", "sa": "SA",
			"eg": "EG", "co.za": "ZA"}}
	case "shopee":
		return platformInfo{label: "Shopee", names: []string{"shopee", "虾皮", "蝦皮"}, domain: "shopee", markets: map[string]string{
			"sg": "SG", "com.my": "MY", "co.th": "TH", "vn": "VN", "ph": "PH", "co.id": "ID", "tw": "TW", "com.br": "BR"}}
	case "temu":
		return platformInfo{label: "Temu", names: []string{"temu"}, worldwide: true}
	case "tiktok":
		// Not 抖音: Douyin is China's own app, not TikTok.
		return platformInfo{label: "TikTok Shop", names: []string{"tiktok", "tiktokshop"}, worldwide: true}
	case "ebay":
		return platformInfo{label: "eBay", names: []string{"ebay"}, worldwide: true}
	case "etsy":
		return platformInfo{label: "Etsy", names: []string{"etsy"}, worldwide: true}
	case "coupang":
		return platformInfo{label: "Coupang", names: []string{"coupang", "쿠팡"}, worldwide: true}
	case "generic":
		return platformInfo{label: "the marketplace", worldwide: true}
	}
	return platformInfo{label: "AliExpress", names: []string{"aliexpress", "速卖通", "全球速卖通"}, worldwide: true}
}

// allPlatforms are the keys of entries that cover every platform.
var allPlatforms = []string{"all", "allplatforms", "anyplatform", "allonlineplatforms", "allecommerceplatforms",
	"所有平台", "全平台", "全部平台", "所有电商平台", "全网"}

// coversPlatform reports whether an authorization's platforms cover p.
func coversPlatform(platforms []string, caseplatform string) bool {
	if len(platforms) == 0 || caseplatform == "generic" {
		return true
	}
	info := platformOf(caseplatform)
	for _, e := range platforms {
		k := key(e)
		if slices.Contains(allPlatforms, k) {
			return true
		}
		for _, n := range info.names {
			if k == n || (isASCII(n) && strings.HasPrefix(k, n)) {
				return true
			}
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// worldwideKeys are the keys of territory entries that cover every country.
var worldwideKeys = []string{"worldwide", "global", "globally", "world", "wholeworld", "thewholeworld", "all",
	"allcountries", "allcountriesandregions", "allregions", "全球", "全世界", "世界", "世界各地", "世界范围", "全球范围",
	"所有国家", "所有国家和地区"}

// countryNames maps ISO codes to the country's English name (first, used
// in messages) and the other names that mean it; all are compared with key.
var countryNames = map[string][]string{
	"US": {"United States", "US", "USA", "United States of America", "美国"},
	"CA": {"Canada", "CA", "加拿大"},
	"MX": {"Mexico", "MX", "México", "墨西哥"},
	"BR": {"Brazil", "BR", "Brasil", "巴西"},
	"GB": {"United Kingdom", "GB", "UK", "Great Britain", "Britain", "英国", "北爱尔兰"},
	"DE": {"Germany", "DE", "Deutschland", "德国"},
	"FR": {"France", "FR", "法国"},
	"IT": {"Italy", "IT", "意大利"},
	"ES": {"Spain", "ES", "España", "西班牙"},
	"NL": {"Netherlands", "NL", "The Netherlands", "Holland", "荷兰"},
	"SE": {"Sweden", "SE", "瑞典"},
	"PL": {"Poland", "PL", "波兰"},
	"BE": {"Belgium", "BE", "比利时"},
	"IE": {"Ireland", "IE", "爱尔兰"},
	// (北爱尔兰, Northern Ireland, is the United Kingdom's: see GB.)
	"TR": {"Turkey", "TR", "Turkiye", "Türkiye", "土耳其"},
	"JP": {"Japan", "JP", "日本"},
	"AU": {"Australia", "AU", "澳大利亚", "澳洲"},
	"SG": {"Singapore", "SG", "新加坡"},
	"IN": {"India", "IN", "印度"},
	"AE": {"United Arab Emirates", "AE", "UAE", "阿联酋"},
	"SA": {"Saudi Arabia", "SA", "KSA", "沙特", "沙特阿拉伯"},
	"EG": {"Egypt", "EG", "埃及"},
	"ZA": {"South Africa", "ZA", "南非"},
	"MY": {"Malaysia", "MY", "马来西亚"},
	"TH": {"Thailand", "TH", "泰国"},
	"VN": {"Vietnam", "VN", "Viet Nam", "越南"},
	"PH": {"Philippines", "PH", "菲律宾"},
	"ID": {"Indonesia", "ID", "印度尼西亚", "印尼"},
	"TW": {"Taiwan", "TW", "台湾", "臺灣", "中国台湾"},
	// Not marketplaces of a listing URL, but where letters limit a grant.
	"CN": {"China", "CN", "PRC", "Mainland China", "People's Republic of China", "中国", "中国大陆", "中国内地", "中华人民共和国"},
	"HK": {"Hong Kong", "HK", "香港"},
	"MO": {"Macau", "MO", "Macao", "澳门"},
}

// regions lists, for each region, the keys naming it and the countries of
// countryNames it contains.
var regions = []struct {
	names     []string
	countries []string
}{
	{[]string{"eu", "europeanunion", "欧盟"}, []string{"DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE"}},
	{[]string{"europe", "欧洲"}, []string{"DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE", "GB"}},
	{[]string{"northamerica", "北美", "北美洲"}, []string{"US", "CA", "MX"}},
	{[]string{"americas", "美洲"}, []string{"US", "CA", "MX", "BR"}},
	{[]string{"latinamerica", "latam", "拉美", "拉丁美洲"}, []string{"MX", "BR"}},
	{[]string{"southamerica", "南美", "南美洲"}, []string{"BR"}},
	{[]string{"southeastasia", "sea", "asean", "东南亚"}, []string{"SG", "MY", "TH", "VN", "PH", "ID"}},
	{[]string{"asia", "亚洲"}, []string{"JP", "SG", "IN", "AE", "SA", "MY", "TH", "VN", "PH", "ID", "TW", "CN", "HK", "MO"}},
	{[]string{"asiapacific", "apac", "亚太", "亚太地区"}, []string{"JP", "SG", "IN", "MY", "TH", "VN", "PH", "ID", "TW", "CN", "HK", "MO", "AU"}},
	{[]string{"middleeast", "mena", "中东"}, []string{"AE", "SA", "EG"}},
	{[]string{"africa", "非洲"}, []string{"EG", "ZA"}},
	{[]string{"oceania", "大洋洲"}, []string{"AU"}},
	{[]string{"greaterchina", "大中华区"}, []string{"CN", "HK", "MO", "TW"}},
	{[]string{"港澳台", "hongkongmacaotaiwan"}, []string{"HK", "MO", "TW"}},
	{[]string{"港澳", "hongkongandmacau", "hongkongmacau"}, []string{"HK", "MO"}},
}

// NamesPlace reports whether a text (a territory as a letter states it)
// names a country or a region this package knows, or the whole world: a
// code ("US", "EU") as a whole word in capitals, a name anywhere, case and
// spacing ignored.
func NamesPlace(text string) bool {
	countries, world := placesIn(text)
	return world || len(countries) > 0
}

// TerritoryCovers reports whether a territory a letter states ("mainland
// China", "the United States and Canada", "worldwide") less what it leaves
// out (excluded: "mainland China" of "worldwide except mainland China")
// covers one territory entry of case.yaml ("US", "Europe", "worldwide"):
// the stated text names the whole world, or every country the entry
// stands for, itself or by a region, and leaves none of them out. known is
// false when the entry or the stated text names no place this package
// knows: nothing can be said.
func TerritoryCovers(stated, excluded, entry string) (covers, known bool) {
	named, world := placesIn(stated)
	if !world && len(named) == 0 {
		return false, false
	}
	left, _ := placesIn(excluded)
	if isWorldwide(entry) {
		return world && len(left) == 0 && strings.TrimSpace(excluded) == "", true
	}
	var want []string
	for cc := range countryNames {
		if coversCountry(entry, cc) {
			want = append(want, cc)
		}
	}
	if len(want) == 0 {
		return false, false
	}
	for _, cc := range want {
		if slices.Contains(left, cc) || !world && !slices.Contains(named, cc) {
			return false, true
		}
	}
	return true, true
}

// placesIn returns the countries a text names, itself or by a region, and
// whether it names the whole world.
func placesIn(text string) (countries []string, world bool) {
	text = abbreviations.Replace(text)
	k := key(text)
	han := hanCountries(text)
	known := func(name string) bool {
		if len(name) <= 3 && strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
			return hasWord(text, name, false) // a code: "US", not the "us" of "bonus"
		}
		if r, _ := utf8.DecodeRuneInString(name); unicode.Is(unicode.Han, r) {
			return han[name]
		}
		return len(key(name)) >= 4 && strings.Contains(k, key(name))
	}
	add := func(cc ...string) {
		for _, c := range cc {
			if !slices.Contains(countries, c) {
				countries = append(countries, c)
			}
		}
	}
	for cc, names := range countryNames {
		if slices.ContainsFunc(names, known) {
			add(cc)
		}
	}
	for _, r := range regions {
		for _, n := range r.names {
			// A short name only as a code ("EU", "SEA"): as letters of a
			// word it is too common ("mena" in "phenomena").
			if len(n) >= 5 && strings.Contains(k, n) || len(n) < 5 && hasWord(text, n, true) {
				add(r.countries...)
			}
		}
	}
	slices.Sort(countries)
	world = slices.ContainsFunc(worldwideKeys, func(w string) bool { return len(w) >= 5 && strings.Contains(k, w) })
	return countries, world
}

// hanCountries returns the Chinese country names text holds, each found
// where no longer name stands: 印度尼西亚 is Indonesia, not India as well;
// 北爱尔兰 is not Ireland; 美国 is not in 欧美国家 or 南美国家, nor 中国 in
// 中国境外 (outside China, which names no territory).
func hanCountries(text string) map[string]bool {
	for _, w := range hanNotCountries {
		text = strings.ReplaceAll(text, w, "　")
	}
	found := map[string]bool{}
	for _, n := range hanNames {
		if strings.Contains(text, n) {
			found[n] = true
			text = strings.ReplaceAll(text, n, "　")
		}
	}
	return found
}

// hanNames are the Chinese names of countryNames, the longest first.
var hanNames = func() []string {
	var names []string
	for _, ns := range countryNames {
		for _, n := range ns {
			if r, _ := utf8.DecodeRuneInString(n); unicode.Is(unicode.Han, r) {
				names = append(names, n)
			}
		}
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	return names
}()

// hanNotCountries are words that hold a country's Chinese name without
// naming it: regions (欧美, 南美, 拉美, 北美 are matched as regions), and
// 中国境外.
var hanNotCountries = []string{"欧美", "南美", "拉美", "北美", "中国境外", "境外"}

// abbreviations are dotted forms of codes, "the U.S. and Canada", and
// the Chinese names of Hong Kong, Macau and Taiwan that start with 中国
// (中国香港 is Hong Kong, not China as well).
var abbreviations = strings.NewReplacer("U.S.A.", "USA", "U.S.", "US", "U.K.", "UK", "E.U.", "EU", "P.R.C.", "PRC",
	"中国港澳台", "港澳台", "中国港澳", "港澳", "中国香港", "香港", "中国澳门", "澳门", "中国台湾", "台湾")

// hasWord reports whether text holds word as a whole word, not inside a
// longer one ("US", not the "us" of "bonus"; "mena", not "phenomena"); fold
// ignores case.
func hasWord(text, word string, fold bool) bool {
	if fold {
		text, word = strings.ToLower(text), strings.ToLower(word)
	}
	wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(text); {
		k := strings.Index(text[i:], word)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !wordRune(before)) && (end == len(text) || !wordRune(after)) {
			return true
		}
		i = start + 1
	}
	return false
}

func isWorldwide(entry string) bool { return slices.Contains(worldwideKeys, key(entry)) }

// coversCountry reports whether one territory entry covers the country cc.
func coversCountry(entry, cc string) bool {
	k := key(entry)
	if slices.Contains(worldwideKeys, k) || slices.ContainsFunc(countryNames[cc], func(n string) bool { return key(n) == k }) {
		return true
	}
	for _, r := range regions {
		if slices.Contains(r.names, k) && slices.Contains(r.countries, cc) {
			return true
		}
	}
	return false
}

// market is what an authorization's territories must cover.
type market struct {
	platform  platformInfo
	countries []string          // every one must be covered (from listing URLs)
	listing   map[string]string // country -> the first listing sold there
	anyOf     []string          // else: at least one of these
}

// marketOf works out the case's market from its platform and listing URLs.
func marketOf(m *manifest.Manifest) market {
	mk := market{platform: platformOf(m.Case.Platform), listing: map[string]string{}}
	if mk.platform.worldwide {
		return mk
	}
	for _, l := range m.Listings {
		cc := countryOfURL(l.URL, mk.platform)
		if cc != "" && !slices.Contains(mk.countries, cc) {
			mk.countries = append(mk.countries, cc)
			mk.listing[cc] = l.ID
		}
	}
	if len(mk.countries) == 0 {
		for _, cc := range mk.platform.markets {
			mk.anyOf = append(mk.anyOf, cc)
		}
		slices.Sort(mk.anyOf)
	}
	return mk
}

// countryOfURL returns the market country of a listing URL on p, or "".
func countryOfURL(raw string, p platformInfo) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || p.domain == "" {
		return ""
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if l == p.domain && i+1 < len(labels) {
			return p.markets[strings.Join(labels[i+1:], ".")]
		}
	}
	return ""
}

// territoryGap returns "" when territories cover the market, else what is
// missing: "worldwide", "country:DE" (the country of a listing), or "anyof"
// (any of the platform's marketplaces); gapSaid words it.
func (mk market) territoryGap(territories []string) string {
	if len(territories) == 0 || slices.ContainsFunc(territories, isWorldwide) {
		return ""
	}
	covered := func(cc string) bool {
		return slices.ContainsFunc(territories, func(t string) bool { return coversCountry(t, cc) })
	}
	switch {
	case mk.platform.worldwide:
		return "worldwide"
	case len(mk.countries) > 0:
		for _, cc := range mk.countries {
			if !covered(cc) {
				return "country:" + cc
			}
		}
		return ""
	default:
		if slices.ContainsFunc(mk.anyOf, covered) {
			return ""
		}
		return "anyof"
	}
}

// countryLabel is "Germany (DE)", in Chinese "德国（DE）".
func countryLabel(l i18n.Lang, cc string) string {
	names := countryNames[cc]
	if len(names) == 0 {
		return cc
	}
	if l == i18n.Chinese {
		return names[len(names)-1] + "（" + cc + "）" // the Chinese name is last
	}
	return names[0] + " (" + cc + ")"
}
