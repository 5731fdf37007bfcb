package mongostore

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// findAll runs a find on coll and decodes every document it returns.
func findAll[D any](ctx context.Context, coll *mongo.Collection, filter any, opts ...options.Lister[options.FindOptions]) ([]D, error) {
	cur, err := coll.Find(ctx, filter, opts...)
	if err != nil {
		return nil, err
	}
	var docs []D
	if err := cur.All(ctx, &docs); err != nil {
		return nil, err
	}
	return docs, nil
}

// findMapped is findAll with each document turned into its domain value;
// errors say "mongo: <what>".
func findMapped[D, T any](ctx context.Context, coll *mongo.Collection, what string, conv func(D) T, filter any,
	opts ...options.Lister[options.FindOptions]) ([]T, error) {
	docs, err := findAll[D](ctx, coll, filter, opts...)
	if err != nil {
		return nil, fmt.Errorf("mongo: %s: %w", what, err)
	}
	out := make([]T, len(docs))
	for i, d := range docs {
		out[i] = conv(d)
	}
	return out, nil
}

// findOne decodes the document filter matches and turns it into its domain
// value; notFound when there is none, other errors say "mongo: <what>".
func findOne[D, T any](ctx context.Context, coll *mongo.Collection, what string, notFound error, conv func(D) T, filter any) (T, error) {
	var d D
	err := coll.FindOne(ctx, filter).Decode(&d)
	if IsNotFound(err) {
		var zero T
		return zero, notFound
	}
	if err != nil {
		var zero T
		return zero, fmt.Errorf("mongo: %s: %w", what, err)
	}
	return conv(d), nil
}
