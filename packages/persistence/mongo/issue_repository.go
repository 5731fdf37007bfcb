package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/issue"
)

const (
	issuesCollection        = "issues"
	issueCommentsCollection = "issue_comments"
	issuePoliciesCollection = "issue_resolve_policies"
)

// IssueRepository stores issues, comments and resolve policies in MongoDB.
// Every write is to one document (a standalone mongod suffices): updates are
// conditional on the revision, and a unique sparse index on (checkId,
// itemKey) makes opening a check item's issue twice a duplicate key.
type IssueRepository struct {
	issues, comments, policies *mongo.Collection
}

var _ issue.Repository = (*IssueRepository)(nil)

type issueStepDoc struct {
	By string    `bson:"by"`
	At time.Time `bson:"at"`
}

type issueDoc struct {
	ID           string        `bson:"_id"`
	MachineID    string        `bson:"machineId"`
	OwnerID      string        `bson:"ownerId"`
	ReporterID   string        `bson:"reporterId"`
	Title        string        `bson:"title"`
	Description  string        `bson:"description"`
	Severity     string        `bson:"severity"`
	Status       string        `bson:"status"`
	CheckID      string        `bson:"checkId,omitempty"` // absent for a hand-opened issue (the sparse index skips it)
	ItemKey      string        `bson:"itemKey,omitempty"`
	WorkOrderID  string        `bson:"workOrderId"`
	Acknowledged *issueStepDoc `bson:"acknowledged"`
	Closed       *issueStepDoc `bson:"closed"`
	Rev          int           `bson:"rev"`
	CreatedAt    time.Time     `bson:"createdAt"`
	UpdatedAt    time.Time     `bson:"updatedAt"`
}

type issueCommentDoc struct {
	ID        string    `bson:"_id"`
	IssueID   string    `bson:"issueId"`
	AuthorID  string    `bson:"authorId"`
	Body      string    `bson:"body"`
	CreatedAt time.Time `bson:"createdAt"`
}

type issuePolicyDoc struct {
	ID        string `bson:"_id"` // ownerId + "/" + machineId ("" for the fleet)
	OwnerID   string `bson:"ownerId"`
	MachineID string `bson:"machineId"`
	Allow     bool   `bson:"allow"`
}

// NewIssueRepository creates the indexes and returns the repository.
func NewIssueRepository(ctx context.Context, s *Store) (*IssueRepository, error) {
	if err := s.EnsureIndexes(ctx, issuesCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "checkId", Value: 1}, {Key: "itemKey", Value: 1}},
			Options: options.Index().SetName("check_item").SetUnique(true).SetSparse(true)},
		mongo.IndexModel{Keys: bson.D{{Key: "machineId", Value: 1}, {Key: "_id", Value: -1}}, Options: options.Index().SetName("machine_recent")},
	); err != nil {
		return nil, err
	}
	if err := s.EnsureIndexes(ctx, issueCommentsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "issueId", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("issue_oldest")},
	); err != nil {
		return nil, err
	}
	return &IssueRepository{issues: s.db.Collection(issuesCollection), comments: s.db.Collection(issueCommentsCollection),
		policies: s.db.Collection(issuePoliciesCollection)}, nil
}

func stepDoc(s *issue.Step) *issueStepDoc {
	if s == nil {
		return nil
	}
	return &issueStepDoc{By: s.By, At: s.At}
}

func stepOf(d *issueStepDoc) *issue.Step {
	if d == nil {
		return nil
	}
	return &issue.Step{By: d.By, At: d.At}
}

func toIssueDoc(i issue.Issue) issueDoc {
	r := i.Record()
	return issueDoc{ID: r.ID, MachineID: r.MachineID, OwnerID: r.OwnerID, ReporterID: r.ReporterID, Title: r.Title,
		Description: r.Description, Severity: string(r.Severity), Status: string(r.Status), CheckID: r.CheckID, ItemKey: r.ItemKey,
		WorkOrderID: r.WorkOrderID, Acknowledged: stepDoc(r.Acknowledged), Closed: stepDoc(r.Closed), Rev: r.Rev,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func fromIssueDoc(d issueDoc) issue.Issue {
	return issue.FromStore(issue.StoreRecord{ID: d.ID, MachineID: d.MachineID, OwnerID: d.OwnerID, ReporterID: d.ReporterID,
		Title: d.Title, Description: d.Description, Severity: issue.Severity(d.Severity), Status: issue.Status(d.Status),
		CheckID: d.CheckID, ItemKey: d.ItemKey, WorkOrderID: d.WorkOrderID, Acknowledged: stepOf(d.Acknowledged),
		Closed: stepOf(d.Closed), Rev: d.Rev, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt})
}

// Create implements issue.Repository.
func (r *IssueRepository) Create(ctx context.Context, i issue.Issue) error {
	_, err := r.issues.InsertOne(ctx, toIssueDoc(i))
	if IsDuplicateKey(err) {
		return issue.ErrDuplicate
	}
	if err != nil {
		return fmt.Errorf("mongo: create issue: %w", err)
	}
	return nil
}

// ByID implements issue.Repository.
func (r *IssueRepository) ByID(ctx context.Context, id string) (issue.Issue, error) {
	return findOne(ctx, r.issues, "issue", issue.ErrNotFound, fromIssueDoc, bson.D{{Key: "_id", Value: id}})
}

func inMachines(ids []string) bson.E {
	if ids == nil {
		ids = []string{}
	}
	return bson.E{Key: "machineId", Value: bson.D{{Key: "$in", Value: ids}}}
}

// findMachinePage finds a page of documents of some machines, newest _id
// first, with optional equality filters (field → value; empty values are no filter).
func findMachinePage[D, T any](ctx context.Context, coll *mongo.Collection, what string, conv func(D) T,
	machineIDs []string, filters [][2]string, before string, limit int) ([]T, error) {
	filter := bson.D{inMachines(machineIDs)}
	for _, f := range filters {
		if f[1] != "" {
			filter = append(filter, bson.E{Key: f[0], Value: f[1]})
		}
	}
	if before != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$lt", Value: before}}})
	}
	out, err := findMapped(ctx, coll, what, conv, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit)))
	if out == nil && err == nil {
		out = []T{}
	}
	return out, err
}

// List implements issue.Repository.
func (r *IssueRepository) List(ctx context.Context, q issue.ListQuery) ([]issue.Issue, error) {
	return findMachinePage(ctx, r.issues, "issues", fromIssueDoc, q.MachineIDs,
		[][2]string{{"status", string(q.Status)}, {"severity", string(q.Severity)}}, q.Before, q.Limit)
}

// CountOpen implements issue.Repository.
func (r *IssueRepository) CountOpen(ctx context.Context, machineIDs []string) (int, error) {
	n, err := r.issues.CountDocuments(ctx, bson.D{inMachines(machineIDs),
		{Key: "status", Value: bson.D{{Key: "$in", Value: bson.A{string(issue.StatusOpen), string(issue.StatusAcknowledged)}}}}})
	if err != nil {
		return 0, fmt.Errorf("mongo: count open issues: %w", err)
	}
	return int(n), nil
}

// Update implements issue.Repository: one updateOne matching the previous revision.
func (r *IssueRepository) Update(ctx context.Context, i issue.Issue) error {
	d := toIssueDoc(i)
	res, err := r.issues.UpdateOne(ctx, bson.D{{Key: "_id", Value: d.ID}, {Key: "rev", Value: d.Rev - 1}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "title", Value: d.Title}, {Key: "description", Value: d.Description},
			{Key: "severity", Value: d.Severity}, {Key: "status", Value: d.Status}, {Key: "workOrderId", Value: d.WorkOrderID},
			{Key: "acknowledged", Value: d.Acknowledged}, {Key: "closed", Value: d.Closed}, {Key: "rev", Value: d.Rev},
			{Key: "updatedAt", Value: d.UpdatedAt}}}})
	if err != nil {
		return fmt.Errorf("mongo: update issue: %w", err)
	}
	if res.MatchedCount == 0 {
		if _, err := r.ByID(ctx, d.ID); err != nil {
			return err
		}
		return issue.ErrStale
	}
	return nil
}

// AddComment implements issue.Repository.
func (r *IssueRepository) AddComment(ctx context.Context, c issue.Comment) error {
	if _, err := r.comments.InsertOne(ctx, issueCommentDoc(c)); err != nil {
		return fmt.Errorf("mongo: add issue comment: %w", err)
	}
	return nil
}

// Comments implements issue.Repository.
func (r *IssueRepository) Comments(ctx context.Context, issueID string, limit int) ([]issue.Comment, error) {
	out, err := findMapped(ctx, r.comments, "issue comments", func(d issueCommentDoc) issue.Comment {
		c := issue.Comment(d)
		c.CreatedAt = c.CreatedAt.UTC()
		return c
	}, bson.D{{Key: "issueId", Value: issueID}}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if out == nil && err == nil {
		out = []issue.Comment{}
	}
	return out, err
}

// SetResolvePolicy implements issue.Repository with one upsert (or delete) by key.
func (r *IssueRepository) SetResolvePolicy(ctx context.Context, ownerID, machineID string, allow *bool) error {
	key := bson.D{{Key: "_id", Value: ownerID + "/" + machineID}}
	var err error
	if allow == nil {
		_, err = r.policies.DeleteOne(ctx, key)
	} else {
		_, err = r.policies.ReplaceOne(ctx, key, issuePolicyDoc{ID: ownerID + "/" + machineID, OwnerID: ownerID,
			MachineID: machineID, Allow: *allow}, options.Replace().SetUpsert(true))
	}
	if err != nil {
		return fmt.Errorf("mongo: set resolve policy: %w", err)
	}
	return nil
}

// ResolvePolicy implements issue.Repository: the machine's setting wins over the fleet's.
func (r *IssueRepository) ResolvePolicy(ctx context.Context, ownerID, machineID string) (bool, error) {
	docs, err := findAll[issuePolicyDoc](ctx, r.policies, bson.D{{Key: "_id", Value: bson.D{{Key: "$in",
		Value: bson.A{ownerID + "/" + machineID, ownerID + "/"}}}}})
	if err != nil {
		return false, fmt.Errorf("mongo: resolve policy: %w", err)
	}
	allow := false
	for _, d := range docs {
		if d.MachineID == machineID {
			return d.Allow, nil
		}
		allow = d.Allow
	}
	return allow, nil
}

// DeleteByMachine implements issue.Repository without a transaction:
// comments first, then the issues, then the machine's policy, each step
// idempotent, so that a retry after a failure between them finishes the work.
func (r *IssueRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	byMachine := bson.D{{Key: "machineId", Value: machineID}}
	docs, err := findAll[issueDoc](ctx, r.issues, byMachine, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return fmt.Errorf("mongo: machine's issues: %w", err)
	}
	if len(docs) > 0 {
		ids := make([]string, len(docs))
		for i, d := range docs {
			ids[i] = d.ID
		}
		if _, err := r.comments.DeleteMany(ctx, bson.D{{Key: "issueId", Value: bson.D{{Key: "$in", Value: ids}}}}); err != nil {
			return fmt.Errorf("mongo: delete machine's issue comments: %w", err)
		}
	}
	if _, err := r.issues.DeleteMany(ctx, byMachine); err != nil {
		return fmt.Errorf("mongo: delete machine's issues: %w", err)
	}
	if _, err := r.policies.DeleteMany(ctx, byMachine); err != nil {
		return fmt.Errorf("mongo: delete machine's issue policy: %w", err)
	}
	return nil
}
