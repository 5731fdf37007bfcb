package notification

import "testing"

func TestSameOriginPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/": true, "/machines": true, "/messages/abc?x=1#y": true,
		"//evil.example/phish": false, `/\evil.example`: false, "/\t/evil.example": false, "/ok\\x": false,
		"https://evil.example": false, "javascript:alert(1)": false, "machines": false, "/a b": false,
	} {
		if got := SameOriginPath(p); got != want {
			t.Errorf("SameOriginPath(%q) = %v, want %v", p, got, want)
		}
	}
}
