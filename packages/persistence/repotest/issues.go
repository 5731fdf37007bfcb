package repotest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

func newIssue(t testing.TB, machineID, ownerID string, sev issue.Severity) issue.Issue {
	t.Helper()
	i, err := issue.New(machineID, ownerID, ownerID, issue.Spec{Title: "Cracked mirror", Description: "left side", Severity: sev}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func issueIDs(is []issue.Issue) []string {
	out := make([]string, len(is))
	for i, x := range is {
		out[i] = x.ID()
	}
	return out
}

// Issues runs the issue.Repository contract against a fresh repository from newRepo.
func Issues(t *testing.T, newRepo func(t *testing.T) issue.Repository) {
	ctx := context.Background()

	t.Run("create, read back, list with filters and pages, count open", func(t *testing.T) {
		repo := newRepo(t)
		owner, m1, m2, other := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()
		var made []issue.Issue
		for i, sev := range []issue.Severity{issue.SeverityLow, issue.SeverityHigh, issue.SeverityHigh, issue.SeverityCritical} {
			m := m1
			if i == 3 {
				m = m2
			}
			x := newIssue(t, m, owner, sev)
			if err := repo.Create(ctx, x); err != nil {
				t.Fatal(err)
			}
			made = append(made, x)
		}
		if err := repo.Create(ctx, newIssue(t, other, owner, issue.SeverityLow)); err != nil {
			t.Fatal(err)
		}
		got, err := repo.ByID(ctx, made[1].ID())
		if err != nil || got.Record() != made[1].Record() {
			t.Fatalf("read back %+v, want %+v (%v)", got.Record(), made[1].Record(), err)
		}
		if _, err := repo.ByID(ctx, domain.NewID()); !errors.Is(err, issue.ErrNotFound) {
			t.Fatalf("unknown issue: %v", err)
		}
		all, err := repo.List(ctx, issue.ListQuery{MachineIDs: []string{m1, m2}, Limit: 10})
		if err != nil || !equalStrings(issueIDs(all), []string{made[3].ID(), made[2].ID(), made[1].ID(), made[0].ID()}) {
			t.Fatalf("list newest first: %v %v", issueIDs(all), err)
		}
		high, _ := repo.List(ctx, issue.ListQuery{MachineIDs: []string{m1, m2}, Severity: issue.SeverityHigh, Limit: 10})
		if !equalStrings(issueIDs(high), []string{made[2].ID(), made[1].ID()}) {
			t.Fatalf("severity filter: %v", issueIDs(high))
		}
		page1, _ := repo.List(ctx, issue.ListQuery{MachineIDs: []string{m1}, Limit: 2})
		page2, _ := repo.List(ctx, issue.ListQuery{MachineIDs: []string{m1}, Limit: 2, Before: page1[len(page1)-1].ID()})
		if !equalStrings(issueIDs(page1), []string{made[2].ID(), made[1].ID()}) || !equalStrings(issueIDs(page2), []string{made[0].ID()}) {
			t.Fatalf("pages %v / %v", issueIDs(page1), issueIDs(page2))
		}
		if none, err := repo.List(ctx, issue.ListQuery{Limit: 10}); err != nil || len(none) != 0 {
			t.Fatalf("no machines: %d %v", len(none), err)
		}
		// Closing one leaves three open on m1 and m2.
		closed, _ := made[0].Close(owner, issue.StatusWontFix, "", time.Now())
		if err := repo.Update(ctx, closed); err != nil {
			t.Fatal(err)
		}
		if n, err := repo.CountOpen(ctx, []string{m1, m2}); err != nil || n != 3 {
			t.Fatalf("open count %d %v", n, err)
		}
		open, _ := repo.List(ctx, issue.ListQuery{MachineIDs: []string{m1}, Status: issue.StatusWontFix, Limit: 10})
		if !equalStrings(issueIDs(open), []string{made[0].ID()}) {
			t.Fatalf("status filter %v", issueIDs(open))
		}
	})

	t.Run("update is conditional on the revision", func(t *testing.T) {
		repo := newRepo(t)
		owner := domain.NewID()
		x := newIssue(t, domain.NewID(), owner, issue.SeverityMedium)
		if err := repo.Create(ctx, x); err != nil {
			t.Fatal(err)
		}
		ack, _ := x.Acknowledge(owner, time.Now())
		if err := repo.Update(ctx, ack); err != nil {
			t.Fatal(err)
		}
		// A second change made from the same old revision is refused.
		other, _ := x.Close(owner, issue.StatusWontFix, "", time.Now())
		if err := repo.Update(ctx, other); !errors.Is(err, issue.ErrStale) {
			t.Fatalf("stale update: %v", err)
		}
		wo := domain.NewID()
		done, _ := ack.Close(owner, issue.StatusResolved, wo, time.Now())
		if err := repo.Update(ctx, done); err != nil {
			t.Fatal(err)
		}
		got, _ := repo.ByID(ctx, x.ID())
		r := got.Record()
		if r.Status != issue.StatusResolved || r.WorkOrderID != wo || r.Acknowledged == nil || r.Closed == nil ||
			!r.Closed.At.Equal(done.Record().Closed.At) || r.Rev != 3 {
			t.Fatalf("read back %+v", r)
		}
		ghost, _ := newIssue(t, domain.NewID(), owner, issue.SeverityLow).Acknowledge(owner, time.Now())
		if err := repo.Update(ctx, ghost); !errors.Is(err, issue.ErrNotFound) {
			t.Fatalf("unknown issue: %v", err)
		}
	})

	t.Run("a check item opens one issue, however often it is tried", func(t *testing.T) {
		repo := newRepo(t)
		owner, author := domain.NewID(), domain.NewID()
		q, err := quickcheck.New(domain.NewID(), author, quickcheck.Checklist{Items: []quickcheck.Item{
			{Key: "brakes", Status: quickcheck.StatusFailed, Notes: "soft pedal", Label: "Brakes"}}}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for n := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				x, err := issue.FromCheckItem(owner, q, q.FailedItems()[0], time.Now())
				if err != nil {
					errs[n] = err
					return
				}
				errs[n] = repo.Create(ctx, x)
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, issue.ErrDuplicate):
				t.Fatalf("create: %v", err)
			}
		}
		list, _ := repo.List(ctx, issue.ListQuery{MachineIDs: []string{q.MachineID()}, Limit: 10})
		if ok != 1 || len(list) != 1 || list[0].ItemKey() != "brakes" || list[0].Record().CheckID != q.ID() {
			t.Fatalf("%d created, %d stored", ok, len(list))
		}
		// Hand-opened issues have no check item and never collide.
		for range 2 {
			if err := repo.Create(ctx, newIssue(t, q.MachineID(), owner, issue.SeverityLow)); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("comments, oldest first", func(t *testing.T) {
		repo := newRepo(t)
		id, author := domain.NewID(), domain.NewID()
		for _, body := range []string{"first", "second"} {
			c, _ := issue.NewComment(id, author, body, time.Now())
			if err := repo.AddComment(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		elsewhere, _ := issue.NewComment(domain.NewID(), author, "other", time.Now())
		_ = repo.AddComment(ctx, elsewhere)
		cs, err := repo.Comments(ctx, id, 10)
		if err != nil || len(cs) != 2 || cs[0].Body != "first" || cs[1].AuthorID != author {
			t.Fatalf("comments %+v %v", cs, err)
		}
	})

	t.Run("DeleteByMachine removes a machine's issues, comments and policy only, and may run again", func(t *testing.T) {
		issuesDeleteByMachine(t, newRepo)
	})

	t.Run("resolve policy: the machine's setting, else the fleet's, else false", func(t *testing.T) {
		repo := newRepo(t)
		owner, m := domain.NewID(), domain.NewID()
		yes, no := true, false
		check := func(want bool) {
			t.Helper()
			if got, err := repo.ResolvePolicy(ctx, owner, m); err != nil || got != want {
				t.Fatalf("policy %v %v, want %v", got, err, want)
			}
		}
		check(false)
		must(t, repo.SetResolvePolicy(ctx, owner, "", &yes))
		check(true)
		must(t, repo.SetResolvePolicy(ctx, owner, m, &no))
		check(false)
		must(t, repo.SetResolvePolicy(ctx, owner, m, nil))
		check(true)
		if got, _ := repo.ResolvePolicy(ctx, domain.NewID(), m); got {
			t.Fatal("another owner's fleet setting applied")
		}
	})
}

// issuesDeleteByMachine is the DeleteByMachine case of Issues.
func issuesDeleteByMachine(t *testing.T, newRepo func(t *testing.T) issue.Repository) {
	ctx := context.Background()
	repo := newRepo(t)
	owner, m, other := domain.NewID(), domain.NewID(), domain.NewID()
	gone, kept := newIssue(t, m, owner, issue.SeverityHigh), newIssue(t, other, owner, issue.SeverityLow)
	must(t, repo.Create(ctx, gone))
	must(t, repo.Create(ctx, newIssue(t, m, owner, issue.SeverityLow)))
	must(t, repo.Create(ctx, kept))
	for _, i := range []issue.Issue{gone, kept} {
		c, err := issue.NewComment(i.ID(), owner, "noted", time.Now())
		must(t, err)
		must(t, repo.AddComment(ctx, c))
	}
	allow := true
	must(t, repo.SetResolvePolicy(ctx, owner, m, &allow))
	must(t, repo.SetResolvePolicy(ctx, owner, other, &allow))

	must(t, repo.DeleteByMachine(ctx, m))
	must(t, repo.DeleteByMachine(ctx, m)) // again: nothing left is no error
	if _, err := repo.ByID(ctx, gone.ID()); !errors.Is(err, issue.ErrNotFound) {
		t.Fatalf("deleted issue: %v", err)
	}
	if got, err := repo.List(ctx, issue.ListQuery{MachineIDs: []string{m}, Limit: 10}); err != nil || len(got) != 0 {
		t.Fatalf("left: %v %v", issueIDs(got), err)
	}
	if cs, err := repo.Comments(ctx, gone.ID(), 10); err != nil || len(cs) != 0 {
		t.Fatalf("comments left: %v %v", cs, err)
	}
	if ok, err := repo.ResolvePolicy(ctx, owner, m); err != nil || ok {
		t.Fatalf("the machine's policy is left: %v %v", ok, err)
	}
	if got, _ := repo.List(ctx, issue.ListQuery{MachineIDs: []string{other}, Limit: 10}); len(got) != 1 {
		t.Fatalf("another machine's issues: %v", issueIDs(got))
	}
	if cs, _ := repo.Comments(ctx, kept.ID(), 10); len(cs) != 1 {
		t.Fatalf("another machine's comments: %v", cs)
	}
	if ok, _ := repo.ResolvePolicy(ctx, owner, other); !ok {
		t.Fatal("another machine's policy is gone")
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
