package domain

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text trims v and checks that it has minLen to maxLen characters; the error names field.
func Text(field, v string, minLen, maxLen int) (string, error) {
	v = strings.TrimSpace(v)
	if n := utf8.RuneCountInString(v); n < minLen || n > maxLen {
		if minLen == 0 {
			return "", Invalid(field, fmt.Sprintf("must be at most %d characters", maxLen))
		}
		return "", Invalid(field, fmt.Sprintf("must be %d to %d characters", minLen, maxLen))
	}
	return v, nil
}
