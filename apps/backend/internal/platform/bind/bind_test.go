package bind

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
)

type sample struct {
	Email string         `json:"email" validate:"required,email"`
	Count int            `json:"count" validate:"gte=0"`
	Meta  map[string]any `json:"meta"`
	Tags  []string       `json:"tags" validate:"max=2"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		field string // the field named in the error; "" when valid
		msg   string
	}{
		{"valid", `{"email":"a@b.co","count":1}`, "", ""},
		{"empty", ``, "", "JSON body is required"},
		{"array", `[1]`, "", "must be a JSON object"},
		{"trailing", `{"email":"a@b.co"} {}`, "", "more than one value"},
		{"unknown", `{"email":"a@b.co","admin":true}`, "admin", "unknown field"},
		{"dollar", `{"email":{"$gt":""}}`, "email.$gt", "keys may not"},
		{"nested dollar", `{"email":"a@b.co","meta":{"x":[{"$where":"1"}]}}`, "meta.x[0].$where", ""},
		{"dotted", `{"email":"a@b.co","meta":{"a.b":1}}`, "meta.a.b", ""},
		{"top-level operator", `{"$where":"1","email":"a@b.co"}`, "$where", "keys may not"},
		{"malformed", `{"email":"a@b.co",}`, "", "malformed JSON"},
		{"null", `null`, "", "must be a JSON object"},
		{"wrong type", `{"email":"a@b.co","count":"3"}`, "count", "wrong type"},
		{"required", `{"count":1}`, "email", ""},
		{"rule", `{"email":"a@b.co","count":-1}`, "count", ""},
		{"max items", `{"email":"a@b.co","tags":["a","b","c"]}`, "tags", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sample
			err := Decode([]byte(tt.body), &s)
			if tt.field == "" && tt.msg == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var ve *httperr.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a ValidationError, got %v", err)
			}
			if tt.field != "" {
				if _, ok := ve.Fields[tt.field]; !ok {
					t.Fatalf("fields %v lack %q", ve.Fields, tt.field)
				}
			}
			if tt.msg != "" && !strings.Contains(ve.Message, tt.msg) {
				t.Fatalf("message %q lacks %q", ve.Message, tt.msg)
			}
		})
	}
}

func TestBodyReadsWhateverLengthTheRequestStates(t *testing.T) {
	gin.SetMode(gin.TestMode)
	body := `{"email":"a@b.co","count":1}`
	tests := []struct {
		name   string
		body   string
		length int64 // the request's Content-Length (-1: not stated)
		limit  int64
		want   string
		err    error
	}{
		{"stated", body, int64(len(body)), MaxBody, body, nil},
		{"not stated", body, -1, MaxBody, body, nil},
		{"stated shorter than sent", body, 5, MaxBody, body, nil},
		{"stated longer than sent", body, 500, MaxBody, body, nil},
		{"stated over the limit", body, int64(len(body)), 10, "", httperr.ErrTooLarge},
		{"not stated, over the limit", body, -1, 10, "", httperr.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(w)
			c.Request = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			c.Request.ContentLength = tt.length
			got, err := Body(c, tt.limit)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if tt.err == nil && string(got) != tt.want {
				t.Fatalf("body = %q, want %q", got, tt.want)
			}
		})
	}
}
