// Package server serves a newsgraph store over HTTP: cayley's Gizmo query
// and quad read/write API, newsgraph's own JSON endpoints (quotes,
// entities, breaches, articles, stats) and a web page embedded in the
// binary.
//
// NewHandler builds the http.Handler; Serve and ServeListener run it in an
// http.Server with timeouts and shut it down gracefully when their context
// ends, letting requests in flight finish, and stop the handler's
// background reading of the store before they return, so that the caller
// can close the store.
//
// # Limits
//
// Every Gizmo query runs under Config.QueryTimeout and stops after
// Config.ResultLimit results, whatever the query asks for (GetLimit(-1) and
// ToArray cannot lift the cap); an endless loop is interrupted. At most
// Config.MaxQueries queries run at once and at most Config.MaxLongQueries
// of them may run longer than a second, so runaway queries cannot take
// every CPU. Request bodies are capped at Config.MaxBodyBytes. The server
// is read-only unless Config.AllowWrite is set; writes then need
// Config.Token as a bearer token.
//
// # Data
//
// The JSON endpoints answer from an in-memory snapshot of the rows of the
// named queries (package queries), read once in the background when the
// handler is built and again after every write through the server: the
// named queries scan the whole graph, which is fine once per command and
// too slow per request. /healthz reports whether the snapshot is ready;
// until it is, the JSON endpoints wait within the query timeout and then
// answer 503 with Retry-After.
//
// # Endpoints
//
// Errors are JSON {"error": "..."}: 400 bad request or query, 401 missing
// or wrong token, 404 unknown id or path, 405 wrong method (with Allow),
// 413 body too large, 422 too many results, 503 busy or still indexing,
// 504 query timed out. Lists are JSON arrays with the rows the CLI prints
// with --format json; they take limit and offset and give the full length
// in X-Total-Count.
//
//	curl 'localhost:8080/api/quotes?speaker=Rick+Prior'
//	curl 'localhost:8080/api/quotes?org=Metropolitan+Police&q=officers'
//	curl 'localhost:8080/api/quotes?breach=BREACH_ID&limit=20&offset=20'
//	curl 'localhost:8080/api/entities?q=prior&type=person'
//	curl 'localhost:8080/api/entities/person/rick-prior'
//	curl 'localhost:8080/api/breaches'
//	curl 'localhost:8080/api/breaches/BREACH_ID'
//	curl 'localhost:8080/api/articles?id=ARTICLE_ID'
//	curl 'localhost:8080/api/articles/ARTICLE_ID'
//	curl 'localhost:8080/api/stats'
//	curl 'localhost:8080/healthz'
//	curl 'localhost:8080/api/v2/query?lang=gizmo' --data-binary \
//	    'g.V().Has("<rdf:type>", "<schema:Person>").Out("<schema:name>").All()'
//	curl 'localhost:8080/api/v2/read?format=nquads&sub=%3Cng:entity/person/rick-prior%3E'
//	curl 'localhost:8080/api/v2/read?format=jsonld'
//
// With writes allowed:
//
//	curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/n-quads' \
//	    --data-binary @extra.nq localhost:8080/api/v2/write
//	curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
//	    -d '{"id": "a1", "title": "...", "published": "2023-08-27", "body": "..."}' \
//	    localhost:8080/api/articles
package server
