package password

import "testing"

func TestBcrypt(t *testing.T) {
	b := Bcrypt{Cost: 4}
	h1, err := b.Hash("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := b.Hash("correct horse")
	if h1 == h2 {
		t.Fatal("hashes of one password must differ (salt)")
	}
	if ok, err := b.Verify(h1, "correct horse"); !ok || err != nil {
		t.Fatalf("verify: %v %v", ok, err)
	}
	if ok, _ := b.Verify(h1, "wrong"); ok {
		t.Fatal("wrong password accepted")
	}
}
