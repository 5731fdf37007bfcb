package fleetapp

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// issueDrafts returns the ISSUE notifications drafted so far, by recipient.
func issueDrafts(f *fixture) map[string][]notification.Draft {
	out := map[string][]notification.Draft{}
	for _, d := range f.notifier.all() {
		if d.Type == notification.TypeIssue {
			out[d.UserID] = append(out[d.UserID], d)
		}
	}
	return out
}

// onlyDraft fails unless exactly one ISSUE notification was drafted, to want with title key.
func onlyDraft(t *testing.T, f *fixture, want, key string) notification.Draft {
	t.Helper()
	all := issueDrafts(f)
	if len(all) != 1 || len(all[want]) != 1 || all[want][0].Title != key+".title" || all[want][0].Message != key+".body" {
		t.Fatalf("want one %s to %s, got %+v", key, want, all)
	}
	return all[want][0]
}

// twoOperators is a work fixture with an owner's machine that two operators operate.
func twoOperators(t *testing.T) (w *workFixture, owner string, m machine.Machine, op, other string) {
	t.Helper()
	w = newWorkFixture(t)
	owner = w.user(t, "owner")
	m = w.machine(t, owner, 100)
	return w, owner, m, w.operator(t, owner, m.ID()), w.operator(t, owner, m.ID())
}

func openByHand(t *testing.T, w *workFixture, by, machineID string) issue.Issue {
	t.Helper()
	i, err := w.issues.Open.Handle(context.Background(), OpenIssue{UserID: by, MachineID: machineID,
		Spec: issue.Spec{Title: "Leaking hose", Severity: issue.SeverityMedium}})
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// TestAcknowledgingNotifiesTheReporter: the owner's acknowledgement of an
// operator's issue reaches that operator (persisted through the notifier,
// with the issue's metadata and link); the owner acknowledging their own
// issue, or an allowed operator acknowledging theirs, notifies nobody.
func TestAcknowledgingNotifiesTheReporter(t *testing.T) {
	w, owner, m, op, other := twoOperators(t)
	ctx := context.Background()

	reported := openByHand(t, w, op, m.ID())
	w.notifier.reset()
	if _, err := w.issues.Change.Handle(ctx, ChangeIssueStatus{UserID: owner, IssueID: reported.ID(), Status: issue.StatusAcknowledged}); err != nil {
		t.Fatal(err)
	}
	d := onlyDraft(t, w.fixture, op, "notification.issueAcknowledged")
	if d.Metadata["issueId"] != reported.ID() || d.Metadata["status"] != string(issue.StatusAcknowledged) ||
		d.Metadata["machineName"] != m.Name() || d.ActionURL != "/issues/"+reported.ID() || d.Source != "issue" {
		t.Fatalf("acknowledged draft %+v", d)
	}

	own := openByHand(t, w, owner, m.ID())
	w.notifier.reset()
	if _, err := w.issues.Change.Handle(ctx, ChangeIssueStatus{UserID: owner, IssueID: own.ID(), Status: issue.StatusAcknowledged}); err != nil {
		t.Fatal(err)
	}
	if all := issueDrafts(w.fixture); len(all) != 0 {
		t.Fatalf("the owner acknowledging their own issue notified %+v", all)
	}

	// An operator the owner lets resolve: their own issue notifies nobody, another's its reporter.
	allow := true
	if err := w.issues.SetPolicy.Handle(ctx, SetIssuePolicy{UserID: owner, MachineID: m.ID(), Allow: &allow}); err != nil {
		t.Fatal(err)
	}
	mine, theirs := openByHand(t, w, other, m.ID()), openByHand(t, w, op, m.ID())
	w.notifier.reset()
	if _, err := w.issues.Change.Handle(ctx, ChangeIssueStatus{UserID: other, IssueID: mine.ID(), Status: issue.StatusAcknowledged}); err != nil {
		t.Fatal(err)
	}
	if all := issueDrafts(w.fixture); len(all) != 0 {
		t.Fatalf("an operator acknowledging their own issue notified %+v", all)
	}
	if _, err := w.issues.Change.Handle(ctx, ChangeIssueStatus{UserID: other, IssueID: theirs.ID(), Status: issue.StatusAcknowledged}); err != nil {
		t.Fatal(err)
	}
	onlyDraft(t, w.fixture, op, "notification.issueAcknowledged")
}

// TestCommentNotifiesTheOtherParty: an operator's comment reaches the owner,
// the owner's the reporter, each with a preview of the comment; the author
// never hears of their own comment, and a stranger's is refused (404) and
// notifies nobody.
func TestCommentNotifiesTheOtherParty(t *testing.T) {
	w, owner, m, op, other := twoOperators(t)
	ctx := context.Background()
	stranger := w.user(t, "stranger")
	i := openByHand(t, w, op, m.ID())

	comment := func(by, body string) issue.Comment {
		t.Helper()
		w.notifier.reset()
		c, err := w.issues.Comment.Handle(ctx, CommentOnIssue{UserID: by, IssueID: i.ID(), Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	long := strings.Repeat("é", 150)
	c := comment(op, long)
	d := onlyDraft(t, w.fixture, owner, "notification.issueCommented")
	if d.Metadata["commentId"] != c.ID || d.Metadata["authorId"] != op || d.Metadata["preview"] != strings.Repeat("é", 100) ||
		d.Metadata["issueId"] != i.ID() || d.ActionURL != "/issues/"+i.ID() {
		t.Fatalf("operator's comment draft %+v", d)
	}

	comment(owner, "Parts ordered")
	d = onlyDraft(t, w.fixture, op, "notification.issueCommented")
	if d.Metadata["preview"] != "Parts ordered" || d.Metadata["authorId"] != owner {
		t.Fatalf("owner's comment draft %+v", d)
	}

	// Another operator's comment is the owner's news, not theirs.
	comment(other, "Seen it too")
	onlyDraft(t, w.fixture, owner, "notification.issueCommented")

	// The owner commenting on their own issue has nobody to tell.
	own := openByHand(t, w, owner, m.ID())
	w.notifier.reset()
	if _, err := w.issues.Comment.Handle(ctx, CommentOnIssue{UserID: owner, IssueID: own.ID(), Body: "note to self"}); err != nil {
		t.Fatal(err)
	}
	if all := issueDrafts(w.fixture); len(all) != 0 {
		t.Fatalf("the owner's comment on their own issue notified %+v", all)
	}

	w.notifier.reset()
	if _, err := w.issues.Comment.Handle(ctx, CommentOnIssue{UserID: stranger, IssueID: i.ID(), Body: "hi"}); !errors.Is(err, issue.ErrNotFound) {
		t.Fatalf("stranger's comment: %v", err)
	}
	if _, err := w.issues.Change.Handle(ctx, ChangeIssueStatus{UserID: stranger, IssueID: i.ID(), Status: issue.StatusAcknowledged}); !errors.Is(err, issue.ErrNotFound) {
		t.Fatalf("stranger's acknowledgement: %v", err)
	}
	if all := issueDrafts(w.fixture); len(all) != 0 {
		t.Fatalf("a stranger's attempts notified %+v", all)
	}
}
