package doctext

import "testing"

// TestStatesExpiry: a certificate that states when it ends, under any
// label; a US certificate states none.
func TestStatesExpiry(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"注册有效期限：2021年11月14日至2031年11月13日", true},
		{"有效期至2031年11月13日", true},
		{"Valid until 2031-11-13", true},
		{"Expiry: 13 Nov 2031", true},
		{"Period of validity: 10 years", true},
		{"United States Patent and Trademark Office. Reg. No. 5,432,101. Registered Jan. 2, 2018. Int. Cl.: 9", false},
	} {
		if got := StatesExpiry(tt.text); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.text, got, tt.want)
		}
	}
}
