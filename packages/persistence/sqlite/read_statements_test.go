package sqlite

import (
	"context"
	"fmt"
	"testing"
)

func TestReadStatementsArePreparedOnceAndBounded(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	const q = `SELECT ? + 1`
	for i := range 3 {
		var n int
		if err := db.queryRow(ctx, q, i).Scan(&n); err != nil || n != i+1 {
			t.Fatalf("queryRow(%d) = %d, %v", i, n, err)
		}
	}
	first := db.reads.get(ctx, q)
	if first == nil || db.reads.get(ctx, q) != first {
		t.Fatal("the same text is not the same prepared statement")
	}
	// A statement that does not prepare is not kept, and its error comes from the query.
	if _, err := db.query(ctx, `SELECT x FROM nowhere`); err == nil {
		t.Fatal("a bad query ran")
	}
	if _, ok := db.reads.m[`SELECT x FROM nowhere`]; ok {
		t.Fatal("a bad query was kept")
	}
	// Past the bound, queries still run, unprepared.
	for i := len(db.reads.m); i < maxReadStatements+10; i++ {
		var n int
		if err := db.queryRow(ctx, fmt.Sprintf(`SELECT %d`, i)).Scan(&n); err != nil || n != i {
			t.Fatalf("query %d = %d, %v", i, n, err)
		}
	}
	if got := len(db.reads.m); got != maxReadStatements {
		t.Fatalf("%d statements kept, bound %d", got, maxReadStatements)
	}
}
