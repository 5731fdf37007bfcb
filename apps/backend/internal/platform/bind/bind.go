// Package bind decodes request bodies strictly: a size limit, no unknown
// fields, no operator-like keys, exact types, then validator v10 rules.
package bind

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
)

// MaxBody is the largest accepted request body (docs/api.md: 64 KiB).
const MaxBody = 64 << 10

var (
	validateOnce sync.Once
	validate     *validator.Validate
)

// Validator returns the shared validator, which names fields by their json tag.
func Validator() *validator.Validate {
	validateOnce.Do(func() {
		validate = validator.New(validator.WithRequiredStructEnabled())
		validate.RegisterTagNameFunc(func(f reflect.StructField) string {
			name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
			if name == "-" {
				return ""
			}
			return name
		})
	})
	return validate
}

// JSON reads c's body into dst (a pointer to a struct) and validates it.
func JSON(c *gin.Context, dst any) error {
	raw, err := Body(c, MaxBody)
	if err != nil {
		return err
	}
	return Decode(raw, dst)
}

// Body reads c's body, refusing one larger than limit bytes
// (httperr.ErrTooLarge), for an endpoint that takes more than MaxBody.
func Body(c *gin.Context, limit int64) ([]byte, error) {
	raw, err := readAll(http.MaxBytesReader(c.Writer, c.Request.Body, limit), c.Request.ContentLength, limit)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, httperr.ErrTooLarge
		}
		if errors.Is(err, httperr.ErrBodyTimeout) {
			return nil, err
		}
		return nil, &httperr.ValidationError{Message: "could not read the request body"}
	}
	return raw, nil
}

// readAll reads r to its end into one buffer when the request says its
// length (within limit), instead of growing one from 512 bytes as
// io.ReadAll does.
func readAll(r io.Reader, length, limit int64) ([]byte, error) {
	if length <= 0 || length > limit {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, length+1) // +1: the read that finds the end needs room
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) { // longer than it said: net/http fails the read, but be safe
			b = append(b, 0)[:len(b)]
		}
	}
}

// Decode parses raw JSON into dst strictly and validates it.
func Decode(raw []byte, dst any) error {
	body := bytes.TrimSpace(raw)
	if len(body) == 0 {
		return &httperr.ValidationError{Message: "a JSON body is required"}
	}
	// The usual body is decoded once, into dst; only the keys of its free-form
	// maps can break the key rule. Anything wrong is explained by check.
	strict := json.NewDecoder(bytes.NewReader(raw))
	strict.DisallowUnknownFields()
	err := strict.Decode(dst)
	if err == nil && body[0] == '{' && !strict.More() {
		if path, bad := forbiddenIn(reflect.ValueOf(dst), ""); bad {
			return forbidden(path)
		}
		return Struct(dst)
	}
	return check(raw, err)
}

// check explains why a body failed to decode, in this order: malformed JSON,
// more than one value, not an object, a forbidden key anywhere (even where
// a field's type is wrong: {"email":{"$gt":""}} is an operator injection
// first), then the decoding error itself.
func check(raw []byte, decodeErr error) error {
	var generic any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return &httperr.ValidationError{Message: "malformed JSON: " + err.Error()}
	}
	if dec.More() {
		return &httperr.ValidationError{Message: "malformed JSON: more than one value"}
	}
	if _, ok := generic.(map[string]any); !ok {
		return &httperr.ValidationError{Message: "the body must be a JSON object"}
	}
	if path, bad := forbiddenKey(generic, ""); bad {
		return forbidden(path)
	}
	if decodeErr == nil {
		decodeErr = errors.New("json: the body could not be decoded")
	}
	return decodeError(decodeErr)
}

func forbidden(path string) error {
	return &httperr.ValidationError{Message: "keys may not start with $ or contain a dot",
		Fields: map[string]string{path: "forbidden key"}}
}

// Struct runs the validator rules on v and maps failures to one message per field.
func Struct(v any) error {
	err := Validator().Struct(v)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return fmt.Errorf("validate: %w", err)
	}
	fields := make(map[string]string, len(verrs))
	for _, fe := range verrs {
		name := fe.Namespace()
		if i := strings.IndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		fields[name] = ruleMessage(fe)
	}
	return &httperr.ValidationError{Message: "the request is invalid", Fields: fields}
}

func ruleMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "required"
	case "email":
		return "must be a valid email address"
	case "min":
		if fe.Kind() == reflect.String {
			return "must be at least " + fe.Param() + " characters"
		}
		if fe.Kind() == reflect.Slice {
			return "must have at least " + fe.Param() + " items"
		}
		return "must be at least " + fe.Param()
	case "max":
		if fe.Kind() == reflect.String {
			return "must be at most " + fe.Param() + " characters"
		}
		if fe.Kind() == reflect.Slice {
			return "must have at most " + fe.Param() + " items"
		}
		return "must be at most " + fe.Param()
	case "gte":
		return "must be at least " + fe.Param()
	case "lte":
		return "must be at most " + fe.Param()
	case "gt":
		return "must be greater than " + fe.Param()
	case "oneof":
		return "must be one of " + fe.Param()
	case "len":
		return "must have length " + fe.Param()
	case "hexadecimal":
		return "must be hexadecimal"
	default:
		return "failed rule " + fe.Tag()
	}
}

// forbiddenKey finds an object key that starts with $ or contains a dot, at any depth.
// forbiddenIn is forbiddenKey over a decoded value: struct fields are named
// by their json tags (known names), so only map keys are checked.
func forbiddenIn(v reflect.Value, path string) (string, bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return forbiddenIn(v.Elem(), path)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if path != "" {
				name = path + "." + name
			}
			if bad, ok := forbiddenIn(v.Field(i), name); ok {
				return bad, true
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return "", false
		}
		for it := v.MapRange(); it.Next(); {
			k := it.Key().String()
			p := k
			if path != "" {
				p = path + "." + k
			}
			if strings.HasPrefix(k, "$") || strings.Contains(k, ".") {
				return p, true
			}
			if bad, ok := forbiddenIn(it.Value(), p); ok {
				return bad, true
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return "", false
		}
		for i := 0; i < v.Len(); i++ {
			if bad, ok := forbiddenIn(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); ok {
				return bad, true
			}
		}
	}
	return "", false
}

func forbiddenKey(v any, path string) (string, bool) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if strings.HasPrefix(k, "$") || strings.Contains(k, ".") {
				return p, true
			}
			if bad, ok := forbiddenKey(child, p); ok {
				return bad, true
			}
		}
	case []any:
		for i, child := range t {
			if bad, ok := forbiddenKey(child, fmt.Sprintf("%s[%d]", path, i)); ok {
				return bad, true
			}
		}
	}
	return "", false
}

func decodeError(err error) error {
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		field := ute.Field
		if field == "" {
			field = "body"
		}
		return &httperr.ValidationError{Message: "wrong type",
			Fields: map[string]string{field: "must be " + jsonKind(ute.Type)}}
	}
	if msg := err.Error(); strings.HasPrefix(msg, "json: unknown field ") {
		field := strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)
		return &httperr.ValidationError{Message: "unknown field " + field,
			Fields: map[string]string{field: "unknown field"}}
	}
	return &httperr.ValidationError{Message: "malformed JSON: " + err.Error()}
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return t.String()
}
