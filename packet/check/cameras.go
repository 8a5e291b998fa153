package check

import "strings"

// cameraYears gives the year common camera and phone models were
// announced, keyed by their EXIF Model as the camera writes it. A model
// ending in "*" covers the regional variants of a code ("SM-G975*": the
// SM-G975F, SM-G975U, ...). The years were compiled by hand from the
// makers' announcements as dated in each model's Wikipedia article; a
// model not listed is not checked. A photo dated before its camera was
// announced is PHOTO_DATE_IMPLAUSIBLE.
var cameraYears = map[string]int{
	// Apple
	"iPhone 4": 2010, "iPhone 4S": 2011, "iPhone 5": 2012, "iPhone 5c": 2013, "iPhone 5s": 2013,
	"iPhone 6": 2014, "iPhone 6 Plus": 2014, "iPhone 6s": 2015, "iPhone 6s Plus": 2015, "iPhone SE": 2016,
	"iPhone 7": 2016, "iPhone 7 Plus": 2016, "iPhone 8": 2017, "iPhone 8 Plus": 2017, "iPhone X": 2017,
	"iPhone XR": 2018, "iPhone XS": 2018, "iPhone XS Max": 2018,
	"iPhone 11": 2019, "iPhone 11 Pro": 2019, "iPhone 11 Pro Max": 2019, "iPhone SE (2nd generation)": 2020,
	"iPhone 12": 2020, "iPhone 12 mini": 2020, "iPhone 12 Pro": 2020, "iPhone 12 Pro Max": 2020,
	"iPhone 13": 2021, "iPhone 13 mini": 2021, "iPhone 13 Pro": 2021, "iPhone 13 Pro Max": 2021,
	"iPhone SE (3rd generation)": 2022, "iPhone 14": 2022, "iPhone 14 Plus": 2022, "iPhone 14 Pro": 2022,
	"iPhone 14 Pro Max": 2022, "iPhone 15": 2023, "iPhone 15 Plus": 2023, "iPhone 15 Pro": 2023,
	"iPhone 15 Pro Max": 2023, "iPhone 16": 2024, "iPhone 16 Plus": 2024, "iPhone 16 Pro": 2024,
	"iPhone 16 Pro Max": 2024,
	// Google
	"Pixel": 2016, "Pixel XL": 2016, "Pixel 2": 2017, "Pixel 2 XL": 2017, "Pixel 3": 2018, "Pixel 3 XL": 2018,
	"Pixel 3a": 2019, "Pixel 3a XL": 2019, "Pixel 4": 2019, "Pixel 4 XL": 2019, "Pixel 4a": 2020, "Pixel 5": 2020,
	"Pixel 5a": 2021, "Pixel 6": 2021, "Pixel 6 Pro": 2021, "Pixel 6a": 2022, "Pixel 7": 2022, "Pixel 7 Pro": 2022,
	"Pixel 7a": 2023, "Pixel 8": 2023, "Pixel 8 Pro": 2023, "Pixel 8a": 2024, "Pixel 9": 2024, "Pixel 9 Pro": 2024,
	"Nexus 4": 2012, "Nexus 5": 2013,
	// Samsung Galaxy S, Note and J series
	"SM-G920*": 2015, "SM-G925*": 2015, "SM-G930*": 2016, "SM-G935*": 2016, "SM-G950*": 2017, "SM-G955*": 2017,
	"SM-G960*": 2018, "SM-G965*": 2018, "SM-G970*": 2019, "SM-G973*": 2019, "SM-G975*": 2019,
	"SM-G980*": 2020, "SM-G981*": 2020, "SM-G985*": 2020, "SM-G986*": 2020, "SM-G988*": 2020,
	"SM-G991*": 2021, "SM-G996*": 2021, "SM-G998*": 2021, "SM-S901*": 2022, "SM-S906*": 2022, "SM-S908*": 2022,
	"SM-S911*": 2023, "SM-S916*": 2023, "SM-S918*": 2023, "SM-S921*": 2024, "SM-S926*": 2024, "SM-S928*": 2024,
	"SM-N960*": 2018, "SM-N970*": 2019, "SM-N975*": 2019, "SM-J327*": 2017,
	// Huawei P series, Xiaomi, HMD, HTC
	"EML-L29": 2018, "CLT-L29": 2018, "ELE-L29": 2019, "VOG-L29": 2019, "ANA-NX9": 2020, "ELS-NX9": 2020,
	"Mi A1": 2017, "MI MIX 2": 2017, "Nokia 8.3 5G": 2020, "HTC Desire": 2010,
	// Canon
	"Canon EOS 5D": 2005, "Canon EOS 5D Mark II": 2008, "Canon EOS 5D Mark III": 2012, "Canon EOS 5D Mark IV": 2016,
	"Canon EOS 6D": 2012, "Canon EOS 6D Mark II": 2017, "Canon EOS 7D": 2009, "Canon EOS 7D Mark II": 2014,
	"Canon EOS 80D": 2016, "Canon EOS 90D": 2019, "Canon EOS R": 2018, "Canon EOS RP": 2019, "Canon EOS R5": 2020,
	"Canon EOS R6": 2020, "Canon EOS R6 Mark II": 2022, "Canon EOS R7": 2022, "Canon EOS R10": 2022,
	"Canon EOS R8": 2023, "Canon EOS R50": 2023, "Canon EOS REBEL T3i": 2011, "Canon EOS 600D": 2011,
	"Canon EOS M50": 2018, "Canon PowerShot A85": 2004, "Canon PowerShot SX60 HS": 2014,
	// Nikon
	"NIKON D2H": 2003, "NIKON D70": 2004, "NIKON D40": 2006, "NIKON D90": 2008, "NIKON D3100": 2010,
	"NIKON D3200": 2012, "NIKON D3300": 2014, "NIKON D3400": 2016, "NIKON D3500": 2018, "NIKON D5000": 2009,
	"NIKON D7000": 2010, "NIKON D7500": 2017, "NIKON D750": 2014, "NIKON D800": 2012, "NIKON D850": 2017,
	"NIKON Z 6": 2018, "NIKON Z 7": 2018, "NIKON Z 50": 2019, "NIKON Z 5": 2020, "NIKON Z 9": 2021, "NIKON Z 8": 2023,
	"COOLPIX P6000": 2008,
	// Sony
	"ILCE-7": 2013, "ILCE-7M2": 2014, "ILCE-7M3": 2018, "ILCE-7M4": 2021, "ILCE-7RM3": 2017, "ILCE-7RM4": 2019,
	"ILCE-6000": 2014, "ILCE-6400": 2019, "ILCE-6600": 2019, "DSC-RX100": 2012, "ZV-1": 2020, "ZV-E10": 2021,
	"DSC-HX5V": 2010,
	// Fujifilm, Olympus, Panasonic, Pentax, Kodak
	"X-T3": 2018, "X-T4": 2020, "X-T30": 2019, "X-S10": 2020, "X100V": 2020, "FinePix F40fd": 2007,
	"E-P3": 2011, "DMC-LX3": 2008, "PENTAX K10D": 2006, "KODAK DC240 ZOOM DIGITAL CAMERA": 1999,
}

// announced returns the year the camera model was announced, when the
// table knows it, and the model as written.
func announced(maker, model string) (string, int, bool) {
	model = strings.TrimSpace(model)
	key := strings.ToLower(model)
	for m, year := range cameraYears {
		prefix, wild := strings.CutSuffix(m, "*")
		if wild && strings.HasPrefix(key, strings.ToLower(prefix)) || !wild && key == strings.ToLower(m) {
			name := model
			if mk := strings.TrimSpace(maker); mk != "" && !strings.Contains(strings.ToLower(model), strings.ToLower(strings.Fields(mk)[0])) {
				name = strings.Fields(mk)[0] + " " + model
			}
			return name, year, true
		}
	}
	return "", 0, false
}
