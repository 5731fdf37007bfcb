package sqlite

import "strings"

// inChunk is how many ids one `IN (...)` query binds: well under SQLite's
// bound-parameter limit.
const inChunk = 500

// inChunks runs query once per chunk of ids with the chunk's placeholders
// ("?,?,?") and arguments, and joins the answers in the order of the chunks.
func inChunks[T any](ids []string, query func(placeholders string, args []any) ([]T, error)) ([]T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	out := make([]T, 0, len(ids))
	for start := 0; start < len(ids); start += inChunk {
		part := ids[start:min(start+inChunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		got, err := query("?"+strings.Repeat(",?", len(part)-1), args)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}
