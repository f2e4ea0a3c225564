/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The one misbehaving server of the tests: a SoupServer on 127.0.0.1 (HTTP, or HTTPS with a
 * self-signed certificate) that serves connection lists and misbehaves as a test sets it to.
 * Tests read and set its fields directly; every request it received is kept in `requests`. */

/* A self-signed certificate for 127.0.0.1 and localhost (valid 2000–2999), PEM. */
extern const char pb_test_server_certificate_pem[];

typedef enum
{
  PB_TEST_SERVER_PAGED,          /* honours limit and offset (the default) */
  PB_TEST_SERVER_IGNORE_PAGING,  /* every item, every time */
  PB_TEST_SERVER_REPEAT,         /* the first page, whatever the offset */
  PB_TEST_SERVER_HOLD_BATCHES,   /* paged; from page 3 on, answers only once 4 requests wait */
  PB_TEST_SERVER_HOLD,           /* paged; from page 3 on, never answers (until freed) */
  PB_TEST_SERVER_ANSWER,         /* status, content_type, body and retry_after as set */
  PB_TEST_SERVER_STALL_HEADERS,  /* never answers */
  PB_TEST_SERVER_STALL_BODY,     /* headers and the start of the body, then nothing */
  PB_TEST_SERVER_TRUNCATED,      /* announces 1000 bytes, sends 10, closes */
  PB_TEST_SERVER_CLOSE,          /* closes the connection without a word */
  PB_TEST_SERVER_RESET,          /* resets the connection (TCP RST) without a word */
  PB_TEST_SERVER_REDIRECT_LOOP,  /* sends the client back to the address it asked for */
  PB_TEST_SERVER_HUGE_LENGTH,    /* announces 100 MiB and streams slowly */
  PB_TEST_SERVER_HUGE_CHUNKED,   /* streams chunks without end */
} PbTestServerBehaviour;

/* One request as the server received it (the path as it was sent, not decoded). */
typedef struct
{
  char  *method;
  char  *path;
  char  *query;
  char  *authorization;
  char  *accept;
  char  *content_type;
  char  *user_agent;
  char  *body;
  guint  offset;
  guint  limit;
  SoupMessageHeaders *headers; /* all of them */
} PbTestRequest;

typedef struct
{
  SoupServer            *server;
  char                  *base_url;        /* http(s)://127.0.0.1:port */
  guint                  port;

  PbTestServerBehaviour  behaviour;
  guint                  n_items;         /* items of the generated list */
  guint                  ref_modulo;      /* refs repeat every ref_modulo items when not 0 */
  char                  *first_page;      /* when set, the list instead: this at offset 0, then
                                           * an empty page */

  guint                  status;          /* PB_TEST_SERVER_ANSWER (0: 200) */
  char                  *content_type;    /* NULL: no body is sent */
  char                  *body;
  char                  *retry_after;

  char                  *redirect_from;   /* path that answers a redirect (NULL: none) ... */
  gboolean               redirect_all;    /* ... or every request does */
  char                  *location;        /* as it is, even when not a valid address */
  guint                  redirect_status; /* 307 unless set */

  char                  *accepted_token;  /* when set, any other bearer gets a 401 */
  char                  *token_answer;    /* when set, what POST /oauth/token answers (200) */
  guint                  n_token_requests;
  gboolean               close_after;     /* asks the client not to keep the connection */

  GPtrArray             *requests;        /* PbTestRequest */
  GPtrArray             *held;            /* SoupServerMessage not answered yet */
  GPtrArray             *streams;         /* stolen connections kept open */
  guint                  pages_delivered; /* set by the test, when it got a page */
  guint                  max_ahead;       /* pages requested ahead of the last delivered one */
  guint                  batch_timeout_id;
  gboolean               released_by_timeout;

  SoupServerMessage     *streaming;
  guint                  stream_source_id;
  guint64                written;         /* bytes of the streamed body sent so far */
  gboolean               stream_finished;
} PbTestServer;

/* A server listening on a new port of 127.0.0.1; with `tls`, HTTPS with the certificate. */
PbTestServer  *pb_test_server_new         (gboolean       tls);

/* Answers what it holds, closes what it streams, and frees the server. */
void           pb_test_server_free        (PbTestServer  *server);

/* The index-th request received; fails the test when there are fewer. */
PbTestRequest *pb_test_server_get_request (PbTestServer  *server,
                                           guint          index);

/* Answers every held request with the page it asked for. */
void           pb_test_server_release_held (PbTestServer *server);

/* The ref of the generated list item at `index` (repeating every ref_modulo items). */
char          *pb_test_server_item_ref    (PbTestServer  *server,
                                           guint          index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTestServer, pb_test_server_free)

G_END_DECLS
