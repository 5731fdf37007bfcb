// GENERATED FILE — do not edit. The web app's API types, from docs/swagger.json
// (swag → Swagger 2.0 → swagger2openapi → OpenAPI 3 → openapi-typescript).
// Regenerate: `make swagger` after changing the Go annotations or DTOs (it runs swag, then
// `make api-types`), or `make api-types` / `npm run gen:api` in apps/frontend for this file alone.
// Use these types through src/lib/types.ts, the one file that names the spec's definitions.
// src/lib/api-types-drift.test.ts fails when this file is not what the spec gives.

export interface paths {
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in
         * @description Checks the credentials; an unknown email, a wrong password and a deactivated account give the same 401. Rate-limited per client address, per (account, address) pair and, much higher, per account (so that guesses from other addresses cannot lock the owner out). Each login opens a session; its id is the token's sid.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description Credentials */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["accounthttp.loginRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["accounthttp.SessionDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Too Many Requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out
         * @description Ends the session of the token sent (cookie or Bearer): the token answers 401 from then on and the session's open streams close, on every instance. Clears the auth cookie. A cookie request must come from an allowed origin (403 otherwise). Without a valid token it only clears the cookie.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description cross-origin request */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out everywhere
         * @description Ends every session of the caller (this one too) and closes all their streams on every instance; clears the cookie.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register an account
         * @description Creates an account, answers a session token and sets it as the HttpOnly cookie.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new account */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["accounthttp.registerRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["accounthttp.SessionDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description email already registered (the one answer that tells an address has an account) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Request Entity Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description too many registrations from this client, or in all */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Contacts
         * @description The caller's contacts, the most recent first.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["contactshttp.ContactDTO"][];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contacts/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pending contact requests
         * @description The pending requests the caller received (incoming) and sent (outgoing), oldest first.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["contactshttp.ContactRequestsDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Send a contact request
         * @description Asks the account registered under email to become a contact; that user gets a CONTACT_REQUEST notification. 400 for oneself, 404 when no account can be added with this email (nothing more is said about it), 409 when a request between the two is pending or they are contacts already.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description Who to add */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["contactshttp.sendContactRequestBody"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["contactshttp.ContactRequestDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Too Many Requests */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contacts/requests/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a contact request
         * @description Only the recipient may accept; the requester gets a CONTACT_ACCEPTED notification. Accepting again answers the same request and notifies nobody. 409 when it was declined.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Request id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["contactshttp.ContactRequestDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description the caller sent this request */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contacts/requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a contact request
         * @description Only the recipient may decline. Declining again answers the same request. 409 when it was accepted.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Request id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["contactshttp.ContactRequestDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description the caller sent this request */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/contacts/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a contact
         * @description Both users lose the contact. Their messages stay readable; new messages are refused (403).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The contact's user id */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's fleet dashboard
         * @description Over the machines the caller owns or operates: how many, plans overdue and due soon, the machines needing attention (worst first) and those whose latest quick check failed (lists capped at 20; the counts are exact). A client refetches it on fleet.changed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.DashboardDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's import jobs
         * @description The latest 50, newest first.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.ImportJobDTO"][];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/machines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import machines from a CSV or XLSX file
         * @description Multipart upload: `file` (CSV, UTF-8, comma- or semicolon-separated, header row; see GET /imports/template.csv; or an XLSX workbook, recognised by its content: the first sheet in the same columns, formula cells read as their formula's text, never evaluated) and `onDuplicate` (skip, the default; update; fail). The file is checked as a whole first (empty, neither CSV nor XLSX, no serialNumber or name column, over 10 MiB or 100,000 rows, a workbook unpacking to over 200 MiB: an error, nothing stored); then the job runs in the background and its progress arrives on the notification stream (import.progress, import.finished) and as an IMPORT_FINISHED notification. Row problems are row errors of the job.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /**
                         * Format: binary
                         * @description The CSV or XLSX file
                         */
                        file: string;
                        /**
                         * @description What a row with a serial number the owner already has (or an earlier row had) does
                         * @enum {string}
                         */
                        onDuplicate?: "skip" | "update" | "fail";
                    };
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.ImportJobDTO"];
                    };
                };
                /** @description no file, neither CSV nor XLSX, empty, no serialNumber/name column, bad onDuplicate */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description over 10 MiB, over 100,000 rows, or a workbook unpacking to over 200 MiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/template.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The import template
         * @description A CSV with the import's columns (machine fields and one plan group; add plan2…, plan10… groups for more plans) and two example rows.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One import job
         * @description The caller's own jobs only (others get 404). `errors` holds the first 1,000 row errors; `failed` counts them all.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Import id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.ImportJobDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/issue-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether operators may resolve issues, fleet-wide
         * @description The caller's fleet setting (a machine's own setting wins over it).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssuePolicyDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        /**
         * Let operators resolve issues, fleet-wide
         * @description Whether operators of the caller's machines may acknowledge and close their issues (unless a machine says otherwise).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The setting (required here) */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.issuePolicyRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssuePolicyDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/issues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's issues, fleet-wide
         * @description Issues of every machine the caller owns or operates (or of machineId), newest first, filtered by status and severity; cursor paging (pass nextCursor as cursor).
         */
        get: {
            parameters: {
                query?: {
                    /** @description OPEN, ACKNOWLEDGED, RESOLVED or WONT_FIX */
                    status?: string;
                    /** @description LOW, MEDIUM, HIGH or CRITICAL */
                    severity?: string;
                    /** @description only this machine (404 for a stranger) */
                    machineId?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description 1..200, default 50 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssuePageDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/issues/{issueId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One issue with its comments
         * @description For its machine's owner and operators; anyone else gets 404. canResolve says whether the caller may acknowledge and close it.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Issue id */
                    issueId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssueDetailDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/issues/{issueId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Comment on an issue
         * @description By the machine's owner or an operator.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Issue id */
                    issueId: string;
                };
                cookie?: never;
            };
            /** @description The comment */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.issueCommentRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssueCommentDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/issues/{issueId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge, resolve or close an issue as won't fix
         * @description OPEN → ACKNOWLEDGED; OPEN or ACKNOWLEDGED → RESOLVED or WONT_FIX. The owner, or an operator when the owner allows it (issue settings); other operators get 403. Who and when is kept per step. On RESOLVED or WONT_FIX the reporter gets an ISSUE notification.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Issue id */
                    issueId: string;
                };
                cookie?: never;
            };
            /** @description The new status */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.issueStatusRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssueDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description not allowed in its status, or changed concurrently */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's machines
         * @description The machines the caller owns or operates, with the caller's role on each.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.MachineDTO"][];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a machine
         * @description The caller becomes its owner. Serial numbers are unique per owner (compared upper-cased). The initial hours are its first reading.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The machine */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.machineCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.MachineDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description serial number already registered by this owner */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the caller's machines as CSV
         * @description The machines the caller owns, in the import's columns, with each plan's status, next due hours and date (ignored by an import): importing the file gives the same machines and plans. Text cells starting with = + - @ (or a tab or CR) are prefixed with an apostrophe, which the import removes.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One machine
         * @description For its owner and operators; anyone else gets 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.MachineDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a machine
         * @description Owner only; everything of it goes with it: work orders, issues and their comments, documents and their files, plans, quick checks, operators and readings. The machine itself goes last, so a delete that fails half-way (503) is finished by sending it again.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Edit a machine
         * @description Owner only (operators get 403). Absent fields stay; operating hours change through readings.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description Fields to change */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.machineUpdateRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.MachineDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/machines/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A machine's documents
         * @description The owner's and the machine's operators': soonest expiry first, with the days left.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.DocumentDTO"][];
                    };
                };
                /** @description no such machine, or not yours */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a document to a machine
         * @description Owner only. Insurance, inspection certificate, registration or custom (a name is required), with its number and issue and expiry dates (YYYY-MM-DD). The owner is reminded by a DOCUMENT_EXPIRY notification when the expiry is DOCUMENT_EXPIRY_THRESHOLDS days away (30, 7 and 0 by default: DUE_SOON, then EXPIRED on the day), once per threshold; a document added past a threshold is reminded of the most urgent one at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The document */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.addDocumentRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.DocumentDTO"];
                    };
                };
                /** @description the field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description an operator of the machine: only its owner adds documents */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description no such machine, or not yours */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/documents/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a machine's document
         * @description Owner only. Its file, if any, is removed with it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                    /** @description Document id */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description an operator of the machine */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description no such machine or document, or not yours */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/documents/{documentId}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a document's file
         * @description The owner's and the machine's operators'. Answers the bytes with the type sniffed at upload, always as an attachment (Content-Disposition: attachment with the cleaned file name), with X-Content-Type-Options: nosniff and a sandboxing Content-Security-Policy: never rendered inline.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                    /** @description Document id */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file's bytes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "image/png": string;
                        "image/jpeg": string;
                        "image/webp": string;
                        "text/plain": string;
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": components["schemas"]["httperr.UnauthenticatedBody"];
                        "image/png": components["schemas"]["httperr.UnauthenticatedBody"];
                        "image/jpeg": components["schemas"]["httperr.UnauthenticatedBody"];
                        "image/webp": components["schemas"]["httperr.UnauthenticatedBody"];
                        "text/plain": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description no such machine or document, not yours, or the document has no file */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": components["schemas"]["httperr.Body"];
                        "image/png": components["schemas"]["httperr.Body"];
                        "image/jpeg": components["schemas"]["httperr.Body"];
                        "image/webp": components["schemas"]["httperr.Body"];
                        "text/plain": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        /**
         * Attach a file to a machine's document, or replace its file
         * @description Owner only. Multipart upload with one field, `file`: at most 10 MiB, a PDF, PNG, JPEG or WebP image, or plain UTF-8 text. The type is decided from the first 512 bytes of the content (content sniffing), never from the part's Content-Type or the file name; HTML, SVG, XML and anything else is refused (400 naming `file`). The file name is kept only as a cleaned display name with the sniffed type's extension; the stored file is named by the server. A replaced file is removed once the document points at the new one.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                    /** @description Document id */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /**
                         * Format: binary
                         * @description The file (PDF, PNG, JPEG, WebP or plain text; at most 10 MiB)
                         */
                        file: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.DocumentDTO"];
                    };
                };
                /** @description no file field, an empty file, or a type that is not allowed (the field file is named) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description an operator of the machine: only its owner attaches files */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description no such machine or document, or not yours */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description the file is over 10 MiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Remove a document's file
         * @description Owner only. The document stays; its file is removed.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                    /** @description Document id */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.DocumentDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description an operator of the machine */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description no such machine or document, not yours, or the document has no file */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/issue-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether operators may resolve a machine's issues
         * @description The machine's setting, else the owner's fleet setting. For the owner and operators.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssuePolicyDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        /**
         * Let operators resolve a machine's issues
         * @description Owner only (an operator gets 403). null removes the machine's setting, so that the fleet's applies.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The setting */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.issuePolicyRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssuePolicyDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/issues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A machine's issues
         * @description For its owner and operators (a stranger gets 404), newest first, filtered by status and severity; cursor paging.
         */
        get: {
            parameters: {
                query?: {
                    /** @description OPEN, ACKNOWLEDGED, RESOLVED or WONT_FIX */
                    status?: string;
                    /** @description LOW, MEDIUM, HIGH or CRITICAL */
                    severity?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description 1..200, default 50 */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssuePageDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Open an issue by hand
         * @description By the owner or an operator. The owner gets an ISSUE notification when an operator opens it; the machine's audience gets fleet.changed (issue.opened). Failed quick-check items open theirs by themselves (one per item, never twice).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The issue */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.issueOpenRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.IssueDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/maintenance-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A machine's maintenance plans
         * @description Each with its status (OK, DUE_SOON, OVERDUE), next due hours and date, and for hour-based plans a forecast date from the machine's average daily use.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.MaintenancePlanDTO"][];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a maintenance plan
         * @description Owner only. An interval in hours, in days or both (whichever comes first); the due-soon margins default to 10% of each interval. The plan starts at the machine's current hours and now.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The plan */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.planCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.MaintenancePlanDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/maintenance-plans/{planId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a performed maintenance
         * @description Owner only. Records who, when (default now) and at what hours (default the machine's; higher hours are also a reading), and restarts the plan. "Mark done" is a shortcut for a work order: a one-line work order of the plan is created and completed (it appears in the service history).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                    /** @description Plan id */
                    planId: string;
                };
                cookie?: never;
            };
            /** @description The work done */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.planCompleteRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.PlanCompletionDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description completed concurrently */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign an operator
         * @description Owner only. The operator must be one of the owner's contacts (else 403).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The contact to assign */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.operatorAssignRequest"];
                };
            };
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/operators/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unassign an operator
         * @description Owner only; idempotent.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                    /** @description Operator's user id */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/quick-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A machine's quick checks
         * @description Newest first, at most limit (1..100, default 100).
         */
        get: {
            parameters: {
                query?: {
                    /** @description 1..100 */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.QuickCheckDTO"][];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record a quick check
         * @description By the owner or an operator. Every item needs a status (PASSED, FAILED or NA) and a failed one a note; with templateVersion every item of that checklist must be present; a 400 names the item. Template items are stored by key (labels only for custom items). Optional hours are applied as a reading (never backwards). Each failed item opens an issue whose severity is the item's severity: the operator's choice (LOW, MEDIUM, HIGH, CRITICAL), else HIGH for the template's brakes and safety items and MEDIUM for any other. The owner gets QUICK_CHECK_COMPLETED, HIGH with metadata.failedItems (keys) and failedDetails when any item failed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The checklist */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.quickCheckCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.QuickCheckDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A machine's readings
         * @description Newest first, at most limit (1..100, default 100).
         */
        get: {
            parameters: {
                query?: {
                    /** @description 1..100 */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.ReadingDTO"][];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record operating hours
         * @description By the owner or an operator. Hours never go backwards (400). A reading that moves a maintenance plan into DUE_SOON or OVERDUE alerts at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The hour-meter value */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.readingCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.ReadingDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/service-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A machine's service history
         * @description Owner only (an operator gets 403): the completed work orders, newest completion first, their costs per month (UTC) and currency, and totals per currency; money in minor units.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.ServiceHistoryDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/service-history.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A machine's service history as CSV
         * @description Owner only. One row per line of each completed work order (completedAt, workOrderId, title, operatingHours, kind, description, quantity, unitCostMinor, currency, totalMinor). Text cells starting with = + - @ (or a tab or CR) are prefixed with an apostrophe so that a spreadsheet does not run them.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/machines/{id}/work-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A machine's work orders
         * @description For its owner and operators (a stranger gets 404), newest first; cursor paging.
         */
        get: {
            parameters: {
                query?: {
                    /** @description OPEN, IN_PROGRESS, COMPLETED or CANCELLED */
                    status?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description 1..200, default 50 */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.WorkOrderPageDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a work order
         * @description Owner only (an operator gets 403). From a plan (planId), from open issues of the machine (issueIds), or ad hoc; lines of labour and parts with unit costs in minor units (a line with a cost needs a currency); the assignee is the owner or an operator of the machine. A 400 names the field.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Machine id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The work order */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.workOrderCreateRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.WorkOrderDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/maintenance/check-alarms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the maintenance alarm check now
         * @description Runs CheckMaintenanceAlarms: over the caller's machines, or over all machines for an admin. Each plan alerts once when it enters DUE_SOON and once when it becomes OVERDUE; alerted counts the plans that alerted in this run.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.AlarmCheckDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/maintenance/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's machines with their maintenance plans
         * @description Every machine the caller owns or operates, each with its plans' status: the dashboard's one request.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.FleetMachineDTO"][];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message to a contact
         * @description Checks, in order: the recipient exists and is active (404), the two users are contacts (403), the content is 1 to 2000 characters once trimmed (400). The recipient gets a NEW_MESSAGE notification (metadata messageId, senderId, senderName, preview, conversationWith; actionUrl /messages/{senderId}). With an Idempotency-Key header (kept at least 24 h per sender), a retry with the same recipientId and content returns the first answer (201, the message stored then) and stores and notifies nothing; the same key with another recipientId or content is refused (409 CONFLICT).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a client key that makes retries of this send safe (1-200 printable ASCII characters) */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description The message */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["messaginghttp.sendMessageBody"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["messaginghttp.MessageDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description not contacts */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description unknown recipient */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description the Idempotency-Key was used for another message */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Request Entity Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Conversations
         * @description One entry per contact or former contact with messages: the newest message and the number of unread messages from them. Newest message first; contacts without messages last (lastMessage null).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["messaginghttp.ConversationDTO"][];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/conversations/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A conversation's messages
         * @description The newest page first; pass nextCursor as `before` for older messages. Messages are oldest to newest within a page. Pages stay stable while new messages arrive. 404 when the caller has no conversation with this user.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Cursor: nextCursor of the previous page */
                    before?: string;
                    /** @description Page size, 1 to 100 (default 50) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The other user's id */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["messaginghttp.MessagePageDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/conversations/{userId}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a conversation read
         * @description Marks the messages the other user sent read, and the caller's NEW_MESSAGE notifications of this conversation (published as notification.read, so badges clear in every tab). When it read something, the sender's open streams get a message.read event ({conversationWith: the caller, upToMessageId, readAt}); readAt is stored on each message first, so a sender who was offline sees it when the conversation loads. 404 when the caller has no conversation with this user.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The other user's id */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my notifications
         * @description Newest first. Pass the previous page's nextCursor as cursor for the next page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description unread or all (default all) */
                    status?: "unread" | "all";
                    /** @description only this type */
                    type?: "MAINTENANCE_ALERT" | "QUICK_CHECK_COMPLETED" | "NEW_MESSAGE" | "CONTACT_REQUEST" | "CONTACT_ACCEPTED" | "SYSTEM" | "IMPORT_FINISHED" | "ISSUE" | "DOCUMENT_EXPIRY";
                    /** @description true: the archived notifications instead of the inbox */
                    archived?: boolean;
                    /** @description only these priorities, comma-separated (LOW, NORMAL, HIGH, URGENT), e.g. HIGH,URGENT */
                    priority?: string;
                    /** @description 1 to 100 (default 20) */
                    limit?: number;
                    /** @description nextCursor of the previous page (of the same filters) */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["notificationhttp.NotificationPageDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Publish a notification to one user
         * @description For integrations (telematics, back office). Admin role only. Persisted, then pushed to the user's open streams. With an Idempotency-Key header (kept at least 24 h per publishing account), a retry of the same request returns the first answer (201, the same notification, header Idempotent-Replayed: true) and creates nothing; the same key with a different body is refused (409).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a client key that makes retries of this request safe (1-200 printable characters) */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description The notification */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["notificationhttp.publishNotificationRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["events.NotificationDTO"];
                    };
                };
                /** @description the user's notification preferences mute this type (below HIGH): nothing was created */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description no such user */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description the Idempotency-Key was used for a different request */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish up to 1,000 notifications at once
         * @description For integrations. Admin role only. Each item is what POST /notifications takes and is handled on its own: stored, then pushed to its user's open streams, or refused alone (atomic per item, not per batch); a user's items are stored and delivered in the order of the request. The answer is 200 whenever the request itself is acceptable, with one result per item in the order of the request: status 201 and the notification, or the status and error body POST /notifications would have answered for it (400 with the field named, 404 no such user, 503 the store could not answer: retry it). With an Idempotency-Key (kept at least 24 h per publishing account), a retry of the same request returns what the first attempt created (replayed: true, nothing created or pushed again) and creates what it did not; header Idempotent-Replayed: true when every created item was replayed. The same key with a different body is refused (409) before anything is written.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a client key that makes retries of this request safe (1-200 printable characters) */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description 1 to 1,000 notifications (at most 4 MiB) */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["notificationhttp.publishBatchDoc"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["notificationhttp.BatchResultDTO"];
                    };
                };
                /** @description not a batch, or no items or more than 1,000 */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description the Idempotency-Key was used for a different request */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description larger than 4 MiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My notification preferences
         * @description One entry per notification type users may set (SYSTEM is always delivered). A new account has the defaults: in-app on, desktop on, quiet off. HIGH and URGENT notifications are delivered whatever the preference.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["notificationhttp.PreferencesDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        /**
         * Replace my notification preferences
         * @description Types left out go back to the default. inApp off: notifications of the type below HIGH priority are not created at all (no inbox entry, no stream event). desktop off: no desktop notification. quiet on: below HIGH, the inbox and the badge only. Takes effect at once on this instance and, through the stream bus, on the others (within NOTIFICATION_PREFERENCES_CACHE_TTL, 30 s by default, when that message is lost); every open stream of the user gets notification.preferences.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description every type to set */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["notificationhttp.preferencesRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["notificationhttp.PreferencesDTO"];
                    };
                };
                /** @description a type that is not a settable notification type, twice, or a missing switch (the field is named) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark all my notifications read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The live notification stream (Server-Sent Events)
         * @description text/event-stream. First retry and a connected event ({connectionId, serverTime}); then, with a Last-Event-ID header or lastEventId query, every stored notification after that id, oldest first — or, when that id is no longer stored (purged by NOTIFICATION_TTL or deleted) or is not an id of ours, a reset event ({reason: gone|invalid}) instead: the client must refetch its inbox and counts; then unread-count ({count}); then live notification (id = notification id), notification.read ({ids} or {all: true}), notification.unread ({ids}), notification.archived ({ids}), notification.deleted ({ids}) and unread-count events, in id order (a stream never receives an id lower than one it already has; ids are unique, so a client may drop duplicates by id); announcements without an id (nothing stored or replayed: a client that reconnects refetches): notification.preferences ({updatedAt}: refetch the preferences), message.read ({conversationWith, upToMessageId, readAt}: the reader conversationWith read every message the caller sent them up to and including upToMessageId), fleet.changed ({reason, machineIds}), import.progress and import.finished ({id, status, total, processed, created, updated, skipped, failed, reason?, finishedAt}); ": heartbeat" comments on an interval, and shutdown before a graceful stop. Authenticates by the HttpOnly cookie (EventSource withCredentials) or Bearer. A user's open streams are capped (429); a client that cannot keep up is disconnected.
         */
        get: {
            parameters: {
                query?: {
                    /** @description the same, for clients that cannot set headers */
                    lastEventId?: string;
                };
                header?: {
                    /** @description id of the last notification received: replay what came after */
                    "Last-Event-ID"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description too many open streams for this user */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description the server is shutting down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of my notifications are unread */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["events.CountDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one notification */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description notification id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description not found, or another user's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive one notification
         * @description Idempotent. The notification is kept but leaves the inbox (GET /notifications?archived=true lists it) and is marked read. Every open stream of the user gets notification.archived ({ids}) and unread-count. Marking it unread returns it to the inbox.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description notification id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description not found, or another user's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one notification read
         * @description Idempotent. Every open stream of the user gets notification.read and unread-count.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description notification id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description not found, or another user's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one notification unread
         * @description Idempotent. An archived notification returns to the inbox, unread. Every open stream of the user gets notification.unread ({ids}) and unread-count.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description notification id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description not found, or another user's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The authenticated user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["accounthttp.UserDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password
         * @description Checks the current password (400 naming currentPassword when wrong), stores the new one, ends every session of the caller (their other devices are signed out and their streams close) and answers a new session, also set as the cookie.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description Current and new password */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["accounthttp.changePasswordRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["accounthttp.SessionDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate an account (admin)
         * @description The account can no longer log in; its sessions end and its open streams close on every instance.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description user id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "*/*": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/work-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's work orders, fleet-wide
         * @description Work orders of every machine the caller owns or operates (or of machineId), newest first; cursor paging.
         */
        get: {
            parameters: {
                query?: {
                    /** @description OPEN, IN_PROGRESS, COMPLETED or CANCELLED */
                    status?: string;
                    /** @description only this machine (404 for a stranger) */
                    machineId?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description 1..200, default 50 */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.WorkOrderPageDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/work-orders/{workOrderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One work order
         * @description For its machine's owner and operators; anyone else gets 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Work order id */
                    workOrderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.WorkOrderDetailDTO"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit, start or cancel a work order
         * @description Owner only, except that the assignee may start it (status IN_PROGRESS alone). Fields given replace the stored ones; only while OPEN or IN_PROGRESS. Complete it with /complete.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Work order id */
                    workOrderId: string;
                };
                cookie?: never;
            };
            /** @description The changes */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.workOrderUpdateRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.WorkOrderDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description not allowed in its status, or changed concurrently */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/work-orders/{workOrderId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a work order
         * @description Owner only. Records the hour meter (default: the machine's hours; above it, also a reading), completes the linked plan's cycle (the rule of "Mark done"), resolves the linked issues (their reporters get an ISSUE notification) and marks it COMPLETED, in steps that are safe to retry: a completion record is stored first, and calling again after a failure finishes the same completion without doing any step twice. Completing a completed work order answers it unchanged.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Work order id */
                    workOrderId: string;
                };
                cookie?: never;
            };
            /** @description Hours and time (both optional) */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["fleethttp.workOrderCompleteRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["fleethttp.WorkOrderDTO"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.UnauthenticatedBody"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
                /** @description cancelled */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["httperr.Body"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        "accounthttp.SessionDTO": {
            token: string;
            user: components["schemas"]["accounthttp.UserDTO"];
        };
        "accounthttp.UserDTO": {
            /** @example García Earthworks */
            businessName: string;
            createdAt: string;
            /** @example ana@example.com */
            email: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            id: string;
            /** @example Ana García */
            name: string;
            /**
             * @example [
             *       "user"
             *     ]
             */
            roles?: string[];
        };
        "accounthttp.changePasswordRequest": {
            /** @example correct horse battery */
            currentPassword: string;
            /** @example another horse battery */
            newPassword: string;
        };
        "accounthttp.loginRequest": {
            /** @example ana@example.com */
            email: string;
            /** @example correct horse battery */
            password: string;
        };
        "accounthttp.registerRequest": {
            /** @example García Earthworks */
            businessName?: string;
            /** @example ana@example.com */
            email: string;
            /** @example Ana García */
            name: string;
            /** @example correct horse battery */
            password: string;
        };
        "contactshttp.ContactDTO": {
            since: string;
            user: components["schemas"]["accounthttp.UserDTO"];
        };
        "contactshttp.ContactRequestDTO": {
            createdAt: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            id: string;
            recipient: components["schemas"]["accounthttp.UserDTO"];
            requester: components["schemas"]["accounthttp.UserDTO"];
            respondedAt: string | null;
            /**
             * @example PENDING
             * @enum {string}
             */
            status: "PENDING" | "ACCEPTED" | "DECLINED";
        };
        "contactshttp.ContactRequestsDTO": {
            incoming: components["schemas"]["contactshttp.ContactRequestDTO"][];
            outgoing: components["schemas"]["contactshttp.ContactRequestDTO"][];
        };
        "contactshttp.sendContactRequestBody": {
            /** @example ben@example.com */
            email: string;
        };
        "events.CountDTO": {
            /** @example 3 */
            count: number;
        };
        "events.NotificationDTO": {
            /** @example /messages/0190c6f1a2b37c4d8e9f0a1b2c3d4e61 */
            actionUrl: string | null;
            /** @description ArchivedAt: when it left the inbox (archived); null in the inbox. */
            archivedAt: string | null;
            createdAt: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            id: string;
            /** @example notification.newMessage.body */
            message: string;
            metadata: {
                [key: string]: unknown;
            };
            /**
             * @example NORMAL
             * @enum {string}
             */
            priority: "LOW" | "NORMAL" | "HIGH" | "URGENT";
            read: boolean;
            readAt: string | null;
            /** @example messaging */
            source: string;
            /** @example notification.newMessage.title */
            title: string;
            /**
             * @example NEW_MESSAGE
             * @enum {string}
             */
            type: "MAINTENANCE_ALERT" | "QUICK_CHECK_COMPLETED" | "NEW_MESSAGE" | "CONTACT_REQUEST" | "CONTACT_ACCEPTED" | "SYSTEM" | "IMPORT_FINISHED" | "ISSUE" | "DOCUMENT_EXPIRY";
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e60 */
            userId: string;
        };
        "fleethttp.AlarmCheckDTO": {
            /** @example 1 */
            alerted: number;
            /** @example 12 */
            checked: number;
        };
        "fleethttp.AttentionDTO": {
            machine: components["schemas"]["fleethttp.MachineDTO"];
            plans: components["schemas"]["fleethttp.MaintenancePlanDTO"][];
            /** @enum {string} */
            worst: "OVERDUE" | "DUE_SOON";
        };
        "fleethttp.DashboardDTO": {
            attention: components["schemas"]["fleethttp.AttentionDTO"][];
            /** @example 4 */
            attentionCount: number;
            /** @example 3 */
            dueSoon: number;
            generatedAt: string;
            /** @example 12 */
            machines: number;
            /**
             * @description OPEN and ACKNOWLEDGED issues
             * @example 3
             */
            openIssues: number;
            /** @example 2 */
            overdue: number;
            /** @example 1 */
            quickCheckFailureCount: number;
            quickCheckFailures: components["schemas"]["fleethttp.QuickCheckFailureDTO"][];
        };
        "fleethttp.DocumentDTO": {
            createdAt: string;
            /**
             * @description negative once expired
             * @example 43
             */
            daysLeft: number;
            /** @example 2027-01-14 */
            expiresOn: string;
            /** @description File is the attached file, null when there is none. */
            file: components["schemas"]["fleethttp.DocumentFileDTO"] | null;
            id: string;
            /** @example 2026-01-15 */
            issuedOn: string | null;
            machineId: string;
            /** @example Crane permit */
            name: string;
            /** @example POL-2026-0042 */
            number: string;
            /**
             * @example INSURANCE
             * @enum {string}
             */
            type: "INSURANCE" | "INSPECTION_CERTIFICATE" | "REGISTRATION" | "CUSTOM";
        };
        "fleethttp.DocumentFileDTO": {
            /**
             * @example application/pdf
             * @enum {string}
             */
            contentType: "application/pdf" | "image/png" | "image/jpeg" | "image/webp" | "text/plain; charset=utf-8";
            /** @example policy-2026.pdf */
            name: string;
            /** @example 482113 */
            size: number;
            uploadedAt: string;
        };
        "fleethttp.FleetMachineDTO": {
            machine: components["schemas"]["fleethttp.MachineDTO"];
            plans: components["schemas"]["fleethttp.MaintenancePlanDTO"][];
        };
        "fleethttp.ImportJobDTO": {
            /** @example 740 */
            created: number;
            createdAt: string;
            errors: components["schemas"]["fleethttp.ImportRowErrorDTO"][];
            /** @example 8 */
            failed: number;
            /** @example machines.csv */
            fileName: string;
            finishedAt: string | null;
            id: string;
            /** @enum {string} */
            onDuplicate: "skip" | "update" | "fail";
            /** @example 750 */
            processed: number;
            /** @example the uploaded file is no longer stored: upload it again */
            reason: string | null;
            /** @example 2 */
            skipped: number;
            startedAt: string | null;
            /** @enum {string} */
            status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED";
            /** @example 2000 */
            total: number;
            /** @example 0 */
            updated: number;
        };
        "fleethttp.ImportRowErrorDTO": {
            /** @example operatingHours */
            field: string;
            /** @example must be between 0 and 1000000 */
            message: string;
            /** @example 7 */
            row: number;
        };
        "fleethttp.IssueCommentDTO": {
            authorId: string;
            /** @example Ordered the seal */
            body: string;
            createdAt: string;
            id: string;
        };
        "fleethttp.IssueDTO": {
            acknowledgedAt?: string;
            acknowledgedBy?: string;
            closedAt?: string;
            closedBy?: string;
            createdAt: string;
            /** @example Left side, since Monday */
            description: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            id: string;
            /** @example hydraulics */
            itemKey?: string;
            machineId: string;
            /** @example Excavator 3 */
            machineName: string;
            ownerId: string;
            quickCheckId?: string;
            reporterId: string;
            /** @enum {string} */
            severity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
            /** @enum {string} */
            status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED" | "WONT_FIX";
            /** @example Cracked mirror */
            title: string;
            updatedAt: string;
            workOrderId?: string;
        };
        "fleethttp.IssueDetailDTO": {
            acknowledgedAt?: string;
            acknowledgedBy?: string;
            /** @description CanResolve: the caller may acknowledge and close it (the owner, or an operator the owner allows). */
            canResolve: boolean;
            closedAt?: string;
            closedBy?: string;
            comments: components["schemas"]["fleethttp.IssueCommentDTO"][];
            createdAt: string;
            /** @example Left side, since Monday */
            description: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            id: string;
            /** @example hydraulics */
            itemKey?: string;
            machineId: string;
            /** @example Excavator 3 */
            machineName: string;
            ownerId: string;
            quickCheckId?: string;
            reporterId: string;
            /** @enum {string} */
            role: "owner" | "operator";
            /** @enum {string} */
            severity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
            /** @enum {string} */
            status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED" | "WONT_FIX";
            /** @example Cracked mirror */
            title: string;
            updatedAt: string;
            workOrderId?: string;
        };
        "fleethttp.IssuePageDTO": {
            items: components["schemas"]["fleethttp.IssueDTO"][];
            nextCursor: string;
        };
        "fleethttp.IssuePolicyDTO": {
            operatorsMayResolve: boolean;
        };
        "fleethttp.MachineDTO": {
            /** @example Caterpillar */
            brand: string;
            /** @description Can says what the caller may do with the machine, by the rule the use cases enforce. */
            can: components["schemas"]["fleethttp.MachinePermissionsDTO"];
            createdAt: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            id: string;
            /** @example 320 GC */
            model: string;
            /** @example Excavator 3 */
            name: string;
            /** @example 1234.5 */
            operatingHours: number;
            operatorIds: string[];
            ownerId: string;
            /** @enum {string} */
            role: "owner" | "operator";
            /** @example CAT320-77341 */
            serialNumber: string;
            /** @example excavator */
            type: string;
            updatedAt: string;
        };
        "fleethttp.MachinePermissionsDTO": {
            addQuickCheck: boolean;
            completePlan: boolean;
            createPlan: boolean;
            delete: boolean;
            edit: boolean;
            manageOperators: boolean;
            recordReading: boolean;
        };
        "fleethttp.MaintenancePlanDTO": {
            /** @description Can says what the caller may do with the plan, by the rule the use cases enforce. */
            can: components["schemas"]["fleethttp.PlanPermissionsDTO"];
            createdAt: string;
            /** @example 18 */
            dueSoonDays: number | null;
            /** @example 25 */
            dueSoonHours: number | null;
            forecastDueAt: string | null;
            id: string;
            /** @example 180 */
            intervalDays: number | null;
            /** @example 250 */
            intervalHours: number | null;
            lastCompletedAt: string | null;
            lastCompletedHours: number | null;
            machineId: string;
            /** @example Engine oil and filter */
            name: string;
            nextDueAt: string | null;
            nextDueHours: number | null;
            startHours: number;
            startedAt: string;
            /** @enum {string} */
            status: "OK" | "DUE_SOON" | "OVERDUE";
            /** @example OIL_CHANGE */
            type: string;
        };
        "fleethttp.MonthCostDTO": {
            /** @example EUR */
            currency: string;
            /** @example 2026-03 */
            month: string;
            /** @example 125000 */
            total: number;
        };
        "fleethttp.PlanCompletionDTO": {
            id: string;
            machineId: string;
            notes: string;
            operatingHours: number;
            performedAt: string;
            performedBy: string;
            planId: string;
        };
        "fleethttp.PlanPermissionsDTO": {
            complete: boolean;
        };
        "fleethttp.QuickCheckDTO": {
            authorId: string;
            createdAt: string;
            failedItems: string[];
            id: string;
            items: components["schemas"]["fleethttp.QuickCheckItemDTO"][];
            machineId: string;
            notes: string;
            operatingHours: number | null;
            passed: boolean;
            /**
             * @description TemplateVersion is the checklist version (0: custom, or stored before versions).
             * @example 1
             */
            templateVersion: number;
        };
        "fleethttp.QuickCheckFailureDTO": {
            machine: components["schemas"]["fleethttp.MachineDTO"];
            quickCheck: components["schemas"]["fleethttp.QuickCheckDTO"];
        };
        "fleethttp.QuickCheckItemDTO": {
            /** @example tyres */
            key: string;
            /** @example  */
            label: string;
            notes: string;
            passed: boolean;
            /**
             * @description Severity of a failed item (the operator's or the item's default); absent for the others.
             * @enum {string}
             */
            severity?: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
            /** @enum {string} */
            status: "PASSED" | "FAILED" | "NA";
        };
        "fleethttp.ReadingDTO": {
            authorId: string;
            id: string;
            machineId: string;
            /** @example 1240 */
            operatingHours: number;
            recordedAt: string;
        };
        "fleethttp.ServiceHistoryDTO": {
            machine: components["schemas"]["fleethttp.MachineDTO"];
            months: components["schemas"]["fleethttp.MonthCostDTO"][];
            totals: {
                [key: string]: number;
            };
            workOrders: components["schemas"]["fleethttp.WorkOrderDTO"][];
        };
        "fleethttp.WorkOrderCompletionDTO": {
            at: string;
            by: string;
            /** @example 1250 */
            operatingHours: number;
            planCompletionId?: string;
        };
        "fleethttp.WorkOrderDTO": {
            assigneeId?: string;
            closedAt?: string;
            completion?: components["schemas"]["fleethttp.WorkOrderCompletionDTO"];
            createdAt: string;
            createdBy: string;
            id: string;
            issueIds: string[];
            lines: components["schemas"]["fleethttp.WorkOrderLineDTO"][];
            machineId: string;
            machineName: string;
            notes: string;
            ownerId: string;
            planId?: string;
            startedAt?: string;
            /** @enum {string} */
            status: "OPEN" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED";
            /** @example 250 h service */
            title: string;
            /** @description Totals is the cost per currency in minor units. */
            totals: {
                [key: string]: number;
            };
            updatedAt: string;
        };
        "fleethttp.WorkOrderDetailDTO": {
            assigneeId?: string;
            closedAt?: string;
            completion?: components["schemas"]["fleethttp.WorkOrderCompletionDTO"];
            createdAt: string;
            createdBy: string;
            id: string;
            issueIds: string[];
            lines: components["schemas"]["fleethttp.WorkOrderLineDTO"][];
            machineId: string;
            machineName: string;
            notes: string;
            ownerId: string;
            planId?: string;
            /** @enum {string} */
            role: "owner" | "operator";
            startedAt?: string;
            /** @enum {string} */
            status: "OPEN" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED";
            /** @example 250 h service */
            title: string;
            /** @description Totals is the cost per currency in minor units. */
            totals: {
                [key: string]: number;
            };
            updatedAt: string;
        };
        "fleethttp.WorkOrderLineDTO": {
            /** @example EUR */
            currency: string;
            /** @example Hydraulic hose */
            description: string;
            /** @enum {string} */
            kind: "LABOUR" | "PART";
            /** @example 2 */
            quantity: number;
            /** @example 9100 */
            total: number;
            /** @example 4550 */
            unitCost: number;
        };
        "fleethttp.WorkOrderPageDTO": {
            items: components["schemas"]["fleethttp.WorkOrderDTO"][];
            nextCursor: string;
        };
        "fleethttp.addDocumentRequest": {
            /** @example 2027-01-14 */
            expiresOn: string;
            /** @example 2026-01-15 */
            issuedOn?: string;
            /** @example Crane permit */
            name?: string;
            /** @example POL-2026-0042 */
            number?: string;
            /** @example INSURANCE */
            type: string;
        };
        "fleethttp.issueCommentRequest": {
            /** @example Seal ordered */
            body: string;
        };
        "fleethttp.issueOpenRequest": {
            /** @example Left side */
            description?: string;
            /**
             * @example MEDIUM
             * @enum {string}
             */
            severity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
            /** @example Cracked mirror */
            title: string;
        };
        "fleethttp.issuePolicyRequest": {
            /** @description OperatorsMayResolve: true or false; null (machine setting only) falls back to the fleet's. */
            operatorsMayResolve?: boolean;
        };
        "fleethttp.issueStatusRequest": {
            /**
             * @example ACKNOWLEDGED
             * @enum {string}
             */
            status: "ACKNOWLEDGED" | "RESOLVED" | "WONT_FIX";
        };
        "fleethttp.machineCreateRequest": {
            /** @example Caterpillar */
            brand?: string;
            /** @example 320 GC */
            model?: string;
            /** @example Excavator 3 */
            name: string;
            /** @example 1200 */
            operatingHours?: number;
            /** @example CAT320-77341 */
            serialNumber: string;
            /** @example excavator */
            type?: string;
        };
        "fleethttp.machineUpdateRequest": {
            brand?: string;
            model?: string;
            name?: string;
            serialNumber?: string;
            type?: string;
        };
        "fleethttp.operatorAssignRequest": {
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            userId: string;
        };
        "fleethttp.planCompleteRequest": {
            /** @example Oil and filter changed */
            notes?: string;
            /** @example 1251 */
            operatingHours?: number;
            /** @example 2026-03-01T09:30:00Z */
            performedAt?: string;
        };
        "fleethttp.planCreateRequest": {
            /** @example 14 */
            dueSoonDays?: number;
            /** @example 25 */
            dueSoonHours?: number;
            /** @example 180 */
            intervalDays?: number;
            /** @example 250 */
            intervalHours?: number;
            /** @example Engine oil and filter */
            name: string;
            /** @example OIL_CHANGE */
            type?: string;
        };
        "fleethttp.quickCheckCreateRequest": {
            items: components["schemas"]["fleethttp.quickCheckItemRequest"][];
            notes?: string;
            operatingHours?: number;
            /**
             * @description TemplateVersion 1 is the standard checklist: each of its items must be answered.
             * @example 1
             */
            templateVersion?: number;
        };
        "fleethttp.quickCheckItemRequest": {
            /** @example tyres */
            key: string;
            /** @example  */
            label?: string;
            notes?: string;
            /**
             * @description Severity of a failed item, as the operator judges it; absent: the item's default (HIGH for brakes and safety, MEDIUM otherwise).
             * @example HIGH
             * @enum {string}
             */
            severity?: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
            /**
             * @example PASSED
             * @enum {string}
             */
            status: "PASSED" | "FAILED" | "NA";
        };
        "fleethttp.readingCreateRequest": {
            /** @example 1240.5 */
            operatingHours: number;
        };
        "fleethttp.workOrderCompleteRequest": {
            /** @example 1251 */
            operatingHours?: number;
            /** @example 2026-03-01T09:30:00Z */
            performedAt?: string;
        };
        "fleethttp.workOrderCreateRequest": {
            assigneeId?: string;
            issueIds?: string[];
            lines?: components["schemas"]["fleethttp.workOrderLineRequest"][];
            notes?: string;
            planId?: string;
            /** @example 250 h service */
            title: string;
        };
        "fleethttp.workOrderLineRequest": {
            /** @example EUR */
            currency?: string;
            /** @example Hydraulic hose */
            description: string;
            /**
             * @example PART
             * @enum {string}
             */
            kind: "LABOUR" | "PART";
            /** @example 2 */
            quantity: number;
            /**
             * @description UnitCost in minor units (cents) of currency.
             * @example 4550
             */
            unitCost?: number;
        };
        "fleethttp.workOrderUpdateRequest": {
            assigneeId?: string;
            issueIds?: string[];
            lines?: components["schemas"]["fleethttp.workOrderLineRequest"][];
            notes?: string;
            planId?: string;
            /**
             * @description Status moves it: IN_PROGRESS (the owner or the assignee) or CANCELLED.
             * @enum {string}
             */
            status?: "IN_PROGRESS" | "CANCELLED";
            title?: string;
        };
        "httperr.Body": {
            error: components["schemas"]["httperr.Detail"];
        };
        "httperr.Detail": {
            /** @example VALIDATION_FAILED */
            code: string;
            fields?: {
                [key: string]: string;
            };
            /** @example content: required */
            message: string;
        };
        "httperr.UnauthenticatedBody": {
            error: components["schemas"]["httperr.UnauthenticatedDetail"];
        };
        "httperr.UnauthenticatedDetail": {
            /** @example UNAUTHENTICATED */
            code: string;
            /** @example authentication required */
            message: string;
        };
        "messaginghttp.ConversationDTO": {
            contact: components["schemas"]["accounthttp.UserDTO"];
            lastMessage: components["schemas"]["messaginghttp.MessageDTO"] | null;
            /** @example 2 */
            unreadCount: number;
        };
        "messaginghttp.MessageDTO": {
            /** @example The excavator is ready for pickup. */
            content: string;
            createdAt: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            id: string;
            readAt: string | null;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e61 */
            recipientId: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e60 */
            senderId: string;
        };
        "messaginghttp.MessagePageDTO": {
            items: components["schemas"]["messaginghttp.MessageDTO"][];
            nextCursor: string | null;
        };
        "messaginghttp.sendMessageBody": {
            /**
             * @description Checked by the Message entity after the contact check: trimmed, 1 to 2000 characters.
             * @example The excavator is ready for pickup.
             */
            content: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e61 */
            recipientId: string;
        };
        "notificationhttp.BatchItemDTO": {
            error?: components["schemas"]["httperr.Detail"];
            /** @example 0 */
            index: number;
            notification?: components["schemas"]["events.NotificationDTO"];
            replayed?: boolean;
            /**
             * @description Status is what POST /notifications would have answered for this item alone.
             * @example 201
             */
            status: number;
        };
        "notificationhttp.BatchResultDTO": {
            /** @example 999 */
            created: number;
            /** @example 1 */
            failed: number;
            /** @example 0 */
            replayed: number;
            results: components["schemas"]["notificationhttp.BatchItemDTO"][];
        };
        "notificationhttp.NotificationPageDTO": {
            items: components["schemas"]["events.NotificationDTO"][];
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e5f */
            nextCursor: string | null;
        };
        "notificationhttp.PreferencesDTO": {
            types: components["schemas"]["notificationhttp.TypePreferenceDTO"][];
            /** @description null: never changed (the defaults) */
            updatedAt: string | null;
        };
        "notificationhttp.TypePreferenceDTO": {
            /** @description off: no desktop notification for the type */
            desktop: boolean;
            /** @description off: notifications of the type below HIGH are not created */
            inApp: boolean;
            /** @description on: below HIGH, the inbox and badge only (no toast, no desktop) */
            quiet: boolean;
            /**
             * @example NEW_MESSAGE
             * @enum {string}
             */
            type: "MAINTENANCE_ALERT" | "QUICK_CHECK_COMPLETED" | "NEW_MESSAGE" | "CONTACT_REQUEST" | "CONTACT_ACCEPTED" | "IMPORT_FINISHED" | "ISSUE" | "DOCUMENT_EXPIRY";
        };
        "notificationhttp.preferencesRequest": {
            types: components["schemas"]["notificationhttp.typePreferenceRequest"][];
        };
        "notificationhttp.publishBatchDoc": {
            items: components["schemas"]["notificationhttp.publishNotificationRequest"][];
        };
        "notificationhttp.publishNotificationRequest": {
            /** @example /machines/0190c6f1a2b37c4d8e9f0a1b2c3d4e62 */
            actionUrl?: string;
            /** @example Excavator 7 reported fault code P0217 */
            message: string;
            metadata?: {
                [key: string]: unknown;
            };
            /** @example HIGH */
            priority?: string;
            /** @example Engine fault reported */
            title: string;
            /** @example SYSTEM */
            type: string;
            /** @example 0190c6f1a2b37c4d8e9f0a1b2c3d4e60 */
            userId: string;
        };
        "notificationhttp.typePreferenceRequest": {
            desktop: boolean;
            inApp: boolean;
            quiet: boolean;
            /** @example NEW_MESSAGE */
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
