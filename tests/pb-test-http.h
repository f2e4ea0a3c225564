/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-demo-server.h"

G_BEGIN_DECLS

/* Talking to a server of the API with a plain SoupSession, as a test sees it, and a g_test_add
 * fixture with a started demo server. */

/* The bearer token the fixture's demo server accepts. */
#define PB_TEST_DEMO_TOKEN "test-token-0123456789"

/* An answer of a server, read whole. */
typedef struct
{
  guint      status;
  char      *content_type;
  char      *allow;
  GBytes    *body;
  JsonNode  *root;     /* when the body is JSON */
} PbTestAnswer;

/* A started demo server (accepting PB_TEST_DEMO_TOKEN) with a session to talk to it. */
typedef struct
{
  PbDemoServer *server;
  SoupSession  *session;
  const char   *base;
} PbTestDemo;

void          pb_test_answer_free        (PbTestAnswer  *answer);

/* Sends a request on the thread-default main context and waits for the whole answer; `token`
 * NULL sends no Authorization header, `content_type` NULL no Content-Type. */
PbTestAnswer *pb_test_http_send          (SoupSession   *session,
                                          const char    *method,
                                          const char    *url,
                                          const char    *token,
                                          const char    *content_type,
                                          const char    *body);

/* The answer's JSON object; fails the test when it has none. */
JsonObject   *pb_test_answer_object      (PbTestAnswer  *answer);

/* The "items" of a page answered 200 as application/json; fails the test otherwise. */
JsonArray    *pb_test_answer_items       (PbTestAnswer  *answer);

/* Checks the API's error body for `status`: every field there, for people and developers. */
void          pb_test_assert_api_error   (PbTestAnswer  *answer,
                                          guint          status);

/* The string / whole number `member` of `object`; fails the test when it is not one. */
const char   *pb_test_json_string        (JsonObject    *object,
                                          const char    *member);
gint64        pb_test_json_int           (JsonObject    *object,
                                          const char    *member);

/* The object as compact JSON text, members in their order. */
char         *pb_test_json_to_string     (JsonObject    *object);

/* g_test_add set-up and tear-down of a PbTestDemo. */
void          pb_test_demo_set_up        (PbTestDemo    *demo,
                                          gconstpointer  data);
void          pb_test_demo_tear_down     (PbTestDemo    *demo,
                                          gconstpointer  data);

/* Adds a test case run with a fresh PbTestDemo fixture. */
#define PB_TEST_DEMO_ADD(path, func) \
  g_test_add ((path), PbTestDemo, NULL, pb_test_demo_set_up, (func), pb_test_demo_tear_down)

/* Sends `method` to the demo server's `path` with its token, `body` (NULL: none) as JSON. */
PbTestAnswer *pb_test_demo_request       (PbTestDemo    *demo,
                                          const char    *method,
                                          const char    *path,
                                          const char    *body);

/* pb_test_demo_request() of a request whose connection closes without an answer: fails the
 * test when one comes. */
void          pb_test_demo_request_dropped (PbTestDemo  *demo,
                                            const char  *method,
                                            const char  *path,
                                            const char  *body);

/* Every connection the demo server lists, fetched in pages of 100 as the app does. */
GPtrArray    *pb_test_demo_fetch_all     (PbTestDemo    *demo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTestAnswer, pb_test_answer_free)

G_END_DECLS
