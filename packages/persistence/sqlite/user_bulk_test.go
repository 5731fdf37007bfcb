package sqlite

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain/user"
)

func TestUserRepositoryCreateMany(t *testing.T) {
	ctx := context.Background()
	repo := NewUserRepository(openTestDB(t))
	now := time.Now()
	var users []user.User
	for i := range 250 { // three statements: 100 + 100 + 50
		u, err := user.New(fmt.Sprintf("bulk%d@example.com", i), fmt.Sprintf("Bulk %d", i), "", "hash", now)
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	if err := repo.CreateMany(ctx, users); err != nil {
		t.Fatal(err)
	}
	got, err := repo.ByIDs(ctx, []string{users[0].ID(), users[149].ID(), users[249].ID()})
	if err != nil || len(got) != 3 {
		t.Fatalf("ByIDs = %d users, %v; want 3", len(got), err)
	}
	if u, err := repo.ByEmail(ctx, "bulk200@example.com"); err != nil || u.ID() != users[200].ID() {
		t.Fatalf("ByEmail = %v, %v", u.ID(), err)
	}

	// All or none: one taken email rolls back the whole batch.
	fresh, _ := user.New("fresh@example.com", "Fresh", "", "hash", now)
	dup, _ := user.New("bulk7@example.com", "Dup", "", "hash", now)
	if err := repo.CreateMany(ctx, []user.User{fresh, dup}); !errors.Is(err, user.ErrEmailTaken) {
		t.Fatalf("CreateMany with a taken email = %v, want ErrEmailTaken", err)
	}
	if _, err := repo.ByEmail(ctx, "fresh@example.com"); !errors.Is(err, user.ErrNotFound) {
		t.Fatalf("fresh user stored despite the failed batch: %v", err)
	}
}
