package main

import "bytes"

// numberAfter finds key in data and parses the unsigned integer that follows
// it, skipping what JSON puts between a key and its value (quotes, escaped
// quotes, a colon, spaces), so that "seq":12, "seq":"12" and a payload
// embedded as a JSON string (\"seq\":\"12\") all read 12.
func numberAfter(data []byte, key string) (uint64, bool) {
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte(key))
		if i < 0 {
			return 0, false
		}
		i += off
		off = i + len(key)
		// The key must be a whole JSON key: a quote right before it.
		if i == 0 || data[i-1] != '"' {
			continue
		}
		j := off
		sawColon := false
		for j < len(data) && (data[j] == '"' || data[j] == '\\' || data[j] == ' ' || (data[j] == ':' && !sawColon)) {
			sawColon = sawColon || data[j] == ':'
			j++
		}
		if !sawColon || j >= len(data) || data[j] < '0' || data[j] > '9' {
			continue
		}
		var n uint64
		for ; j < len(data) && data[j] >= '0' && data[j] <= '9'; j++ {
			n = n*10 + uint64(data[j]-'0')
		}
		return n, true
	}
}
