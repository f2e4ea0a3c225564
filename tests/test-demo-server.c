/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo-server"

#include "config.h"

#include <string.h>

#include "pb-demo-server.h"
#include "pb-test-http.h"
#include "pb-test-util.h"

/* The demo server serves the API as api.md describes it: its data, paging, reading one
 * connection, creating, updating and testing them, and the data sets it is given or makes.
 * Refusals, failures, latency and its life cycle are in test-demo-server-errors.c. */

static void
test_builtin_data (PbTestDemo    *f,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint archived = 0;

  g_assert_true (g_str_has_prefix (f->base, "http://127.0.0.1:"));
  g_assert_cmpuint (pb_demo_server_get_port (f->server), >, 0);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);

  all = pb_test_demo_fetch_all (f);
  g_assert_cmpuint (all->len, ==, 24);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *object = g_ptr_array_index (all, i);
      const char *ref = pb_test_json_string (object, "ref");
      g_autofree char *href = g_strconcat (f->base, "/v2/connections/", ref, NULL);
      JsonObject *auth = json_object_get_object_member (object, "auth");
      JsonObject *request = json_object_get_object_member (object, "request");

      g_assert_true (g_uuid_string_is_valid (ref));
      g_assert_false (g_hash_table_contains (refs, ref));
      g_hash_table_add (refs, (char *) ref);
      g_assert_cmpstr (pb_test_json_string (object, "href"), ==, href);
      g_assert_cmpstr (pb_test_json_string (object, "name"), !=, "");
      g_assert_nonnull (auth);
      g_assert_nonnull (request);
      if (json_object_get_boolean_member (object, "archived"))
        archived++;

      g_hash_table_add (seen, (char *) pb_test_json_string (object, "systemType"));
      g_hash_table_add (seen, (char *) pb_test_json_string (auth, "authType"));
      g_hash_table_add (seen, (char *) pb_test_json_string (request, "requestType"));
      if (json_object_has_member (object, "modifiedByUserRef"))
        g_hash_table_add (seen, "modifiedByUserRef");
      if (!g_str_is_ascii (pb_test_json_string (object, "name")))
        g_hash_table_add (seen, "non-Latin name");
    }

  g_assert_cmpuint (archived, ==, 4);
  for (guint i = 0; i < 9; i++)
    {
      const char *wanted[] = { "DATA_SYSTEM", "DESTINATION", "NONE", "OAUTH", "GET", "POST",
                               "PUT", "modifiedByUserRef", "non-Latin name" };

      g_assert_true (g_hash_table_contains (seen, wanted[i]));
    }
}

static void
test_paging (PbTestDemo    *f,
             gconstpointer  user_data)
{
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint expected[] = { 10, 10, 4 };


  /* Defaults: offset 0, limit 10, and the collection's href. */
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);
    g_autofree char *href = g_strconcat (f->base, "/v2/connections", NULL);
    JsonArray *items = pb_test_answer_items (answer);

    g_assert_cmpuint (json_array_get_length (items), ==, 10);
    g_assert_cmpint (pb_test_json_int (pb_test_answer_object (answer), "offset"), ==, 0);
    g_assert_cmpint (pb_test_json_int (pb_test_answer_object (answer), "limit"), ==, 10);
    g_assert_cmpstr (pb_test_json_string (pb_test_answer_object (answer), "href"), ==, href);
  }

  /* Three pages of at most 10 hold every connection once. */
  for (guint page = 0; page < 3; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v2/connections?limit=10&offset=%u", page * 10);
      g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", path, NULL);
      JsonArray *items = pb_test_answer_items (answer);

      g_assert_cmpuint (json_array_get_length (items), ==, expected[page]);
      g_assert_cmpint (pb_test_json_int (pb_test_answer_object (answer), "offset"), ==, page * 10);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);

          g_assert_true (g_hash_table_add (refs, g_strdup (pb_test_json_string (item, "ref"))));
        }
    }
  g_assert_cmpuint (g_hash_table_size (refs), ==, 24);

  /* At most 100 a page, whatever is asked. */
  {
    g_autoptr(PbTestAnswer) answer = NULL;

    pb_demo_server_generate (f->server, 250, 7);
    answer = pb_test_demo_request (f, "GET", "/v2/connections?limit=500", NULL);
    g_assert_cmpuint (json_array_get_length (pb_test_answer_items (answer)), ==, 100);
    g_assert_cmpint (pb_test_json_int (pb_test_answer_object (answer), "limit"), ==, 100);
  }

  /* Past the end: an empty page. */
  {
    g_autoptr(PbTestAnswer) answer =
      pb_test_demo_request (f, "GET", "/v2/connections?offset=1000&limit=100", NULL);

    g_assert_cmpuint (json_array_get_length (pb_test_answer_items (answer)), ==, 0);
  }

  /* Nonsense parameters are a validation error. */
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections?offset=-3",
                                                           NULL);
    g_autoptr(PbTestAnswer) answer2 = pb_test_demo_request (f, "GET", "/v2/connections?limit=ten",
                                                            NULL);

    pb_test_assert_api_error (answer, 400);
    pb_test_assert_api_error (answer2, 400);
  }
}

static void
test_get_by_ref (PbTestDemo    *f,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = NULL;

  all = pb_test_demo_fetch_all (f);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *listed = g_ptr_array_index (all, i);
      g_autofree char *path = g_strconcat ("/v2/connections/", pb_test_json_string (listed, "ref"),
                                           NULL);
      g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", path, NULL);
      g_autofree char *listed_text = pb_test_json_to_string (listed);
      g_autofree char *answer_text = NULL;

      g_assert_cmpuint (answer->status, ==, 200);
      g_assert_cmpstr (answer->content_type, ==, "application/json");
      answer_text = pb_test_json_to_string (pb_test_answer_object (answer));
      /* The same object, fields and key order alike. */
      g_assert_cmpstr (answer_text, ==, listed_text);
    }

  {
    g_autoptr(PbTestAnswer) answer =
      pb_test_demo_request (f, "GET", "/v2/connections/00000000-0000-4000-8000-000000000000", NULL);

    pb_test_assert_api_error (answer, 404);
  }
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v1/somewhere/else", NULL);

    pb_test_assert_api_error (answer, 404);
  }
}

static void
test_create (PbTestDemo    *f,
             gconstpointer  user_data)
{
  g_autofree char *body = pb_test_read_fixture ("create-connection-request.json");
  g_autofree char *url = NULL;
  g_autofree char *href = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(PbTestAnswer) answer = NULL;
  JsonObject *created;
  JsonObject *request;
  const char *ref;

  url = g_strconcat (f->base, "/v2/connections", NULL);

  answer = pb_test_demo_request (f, "POST", "/v2/connections", body);
  g_assert_cmpuint (answer->status, ==, 201);
  g_assert_cmpstr (answer->content_type, ==, "application/json");
  created = pb_test_answer_object (answer);

  ref = pb_test_json_string (created, "ref");
  g_assert_true (g_uuid_string_is_valid (ref));
  href = g_strconcat (url, "/", ref, NULL);
  g_assert_cmpstr (pb_test_json_string (created, "href"), ==, href);
  g_assert_cmpstr (pb_test_json_string (created, "clientKey"), !=, "");
  g_assert_cmpstr (pb_test_json_string (created, "name"), ==, "Connect to Data System");
  g_assert_cmpstr (pb_test_json_string (created, "systemType"), ==, "DATA_SYSTEM");
  g_assert_cmpint (pb_test_json_int (created, "revision"), ==, 1);
  g_assert_false (json_object_get_boolean_member (created, "archived"));
  request = json_object_get_object_member (created, "request");
  g_assert_cmpstr (pb_test_json_string (request, "requestBody"), ==,
                   "{\"key\":\"${key}\",\"message\":\"${message}\"}");
  modified = g_date_time_new_from_iso8601 (pb_test_json_string (created, "modifiedAt"), NULL);
  g_assert_nonnull (modified);
  g_assert_cmpint (g_date_time_difference (modified, before), >=, -1000);
  g_assert_true (g_str_has_suffix (pb_test_json_string (created, "modifiedAt"), "Z"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (created, "inputMappings")));
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 25);

  /* It is stored: GET answers the same object. */
  {
    g_autofree char *path = g_strconcat ("/v2/connections/", ref, NULL);
    g_autoptr(PbTestAnswer) again = pb_test_demo_request (f, "GET", path, NULL);
    g_autofree char *a = pb_test_json_to_string (created);
    g_autofree char *b = pb_test_json_to_string (pb_test_answer_object (again));

    g_assert_cmpstr (a, ==, b);
  }

  /* Unknown fields are kept as they came. */
  {
    g_autoptr(PbTestAnswer) extra =
      pb_test_demo_request (f, "POST", "/v2/connections",
                            "{\"name\":\"N\",\"auth\":{\"authType\":\"NONE\"},"
                            "\"request\":{\"requestType\":\"GET\","
                            "\"connectionUrl\":\"https://example.com\"},"
                            "\"systemType\":\"DATA_SYSTEM\","
                            "\"ownerTeam\":{\"name\":\"Loyalty\"}}");
    JsonObject *team;

    g_assert_cmpuint (extra->status, ==, 201);
    team = json_object_get_object_member (pb_test_answer_object (extra), "ownerTeam");
    g_assert_nonnull (team);
    g_assert_cmpstr (pb_test_json_string (team, "name"), ==, "Loyalty");
  }

  /* Missing required fields: 400 naming them. */
  {
    g_autoptr(PbTestAnswer) bad =
      pb_test_demo_request (f, "POST", "/v2/connections",
                            "{\"auth\":{\"authType\":\"NONE\"},"
                            "\"request\":{},\"systemType\":\"DESTINATION\"}");
    const char *message;

    pb_test_assert_api_error (bad, 400);
    message = pb_test_json_string (pb_test_answer_object (bad), "message");
    g_assert_nonnull (strstr (message, "name"));
  }
  {
    g_autoptr(PbTestAnswer) bad = pb_test_demo_request (f, "POST", "/v2/connections",
                                                        "{\"name\":\"x\"}");
    const char *message;

    pb_test_assert_api_error (bad, 400);
    message = pb_test_json_string (pb_test_answer_object (bad), "message");
    g_assert_nonnull (strstr (message, "auth"));
    g_assert_nonnull (strstr (message, "request"));
    g_assert_nonnull (strstr (message, "systemType"));
  }

  /* Not JSON, or not an object. */
  {
    const char *bodies[] = { "{", "[]", "null", "\"text\"", "{\"name\": }", "\xff\xfe{}" };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(PbTestAnswer) bad =
          pb_test_demo_request (f, "POST", "/v2/connections", bodies[i]);

        pb_test_assert_api_error (bad, 400);
      }
  }

  /* What the project's one JSON check refuses is refused, even what json-glib reads: a
   * number with a leading zero, single quotes, a comment after the document. */
  {
    const char *bodies[] = {
      "{\"name\":\"x\",\"auth\":{},\"request\":{},\"systemType\":\"DATA_SYSTEM\",\"n\":01}",
      "{'name':'x','auth':{},'request':{},'systemType':'DATA_SYSTEM'}",
      "{\"name\":\"x\",\"auth\":{},\"request\":{},\"systemType\":\"DATA_SYSTEM\"} /* c */",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(PbTestAnswer) bad = pb_test_demo_request (f, "POST", "/v2/connections",
                                                            bodies[i]);

        pb_test_assert_api_error (bad, 400);
        g_assert_cmpint (pb_test_json_int (pb_test_answer_object (bad), "code"), ==, 4003);
      }
  }

  /* A document nested absurdly deep is refused, not a crash. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(PbTestAnswer) bad = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append (deep, "{\"a\":[");
    bad = pb_test_demo_request (f, "POST", "/v2/connections", deep->str);

    pb_test_assert_api_error (bad, 400);
  }

  /* No Content-Type, or the wrong one: 415. */
  {
    g_autoptr(PbTestAnswer) bad = pb_test_http_send (f->session, "POST", url, PB_TEST_DEMO_TOKEN,
                                                     NULL, body);
    g_autoptr(PbTestAnswer) bad2 = pb_test_http_send (f->session, "POST", url, PB_TEST_DEMO_TOKEN,
                                                      "text/plain", body);

    pb_test_assert_api_error (bad, 415);
    pb_test_assert_api_error (bad2, 415);
  }

  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 26);
}

static void
test_update (PbTestDemo    *f,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(PbTestAnswer) answer = NULL;
  g_autoptr(GList) sent_names = NULL;
  g_autoptr(GList) stored_names = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *old_modified = NULL;
  JsonObject *object;
  JsonObject *updated;
  gint64 old_revision;
  GList *a, *b;

  all = pb_test_demo_fetch_all (f);

  /* The one with an unknown extra field. */
  object = NULL;
  for (guint i = 0; i < all->len; i++)
    if (json_object_has_member (g_ptr_array_index (all, i), "tags"))
      object = g_ptr_array_index (all, i);
  g_assert_nonnull (object);

  old_revision = pb_test_json_int (object, "revision");
  old_modified = g_strdup (pb_test_json_string (object, "modifiedAt"));
  path = g_strconcat ("/v2/connections/", pb_test_json_string (object, "ref"), NULL);
  json_object_set_string_member (object, "name", "Renamed – Größe “test” 名前");
  body = pb_test_json_to_string (object);

  answer = pb_test_demo_request (f, "PUT", path, body);
  g_assert_cmpuint (answer->status, ==, 201);
  updated = pb_test_answer_object (answer);
  g_assert_cmpstr (pb_test_json_string (updated, "name"), ==, "Renamed – Größe “test” 名前");
  g_assert_cmpint (pb_test_json_int (updated, "revision"), ==, old_revision + 1);
  g_assert_cmpstr (pb_test_json_string (updated, "modifiedAt"), !=, old_modified);
  g_assert_cmpstr (pb_test_json_string (updated, "ref"), ==, pb_test_json_string (object, "ref"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (updated, "tags")));

  /* Every field kept, in the order sent. */
  sent_names = json_object_get_members (object);
  stored_names = json_object_get_members (updated);
  for (a = sent_names, b = stored_names; a && b; a = a->next, b = b->next)
    g_assert_cmpstr (a->data, ==, b->data);
  g_assert_null (a);
  g_assert_null (b);

  /* GET shows the change; the count did not change. */
  {
    g_autoptr(PbTestAnswer) again = pb_test_demo_request (f, "GET", path, NULL);

    g_assert_cmpstr (pb_test_json_string (pb_test_answer_object (again), "name"), ==,
                     "Renamed – Größe “test” 名前");
    g_assert_cmpint (pb_test_json_int (pb_test_answer_object (again), "revision"), ==,
                     old_revision + 1);
  }
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);

  /* Again: the revision goes on rising. */
  {
    g_autoptr(PbTestAnswer) again = pb_test_demo_request (f, "PUT", path, body);

    g_assert_cmpint (pb_test_json_int (pb_test_answer_object (again), "revision"), ==,
                     old_revision + 2);
  }

  {
    g_autoptr(PbTestAnswer) unknown =
      pb_test_demo_request (f, "PUT", "/v2/connections/00000000-0000-4000-8000-000000000000", body);

    pb_test_assert_api_error (unknown, 404);
  }
  {
    g_autofree char *url = g_strconcat (f->base, path, NULL);
    g_autoptr(PbTestAnswer) bad = pb_test_http_send (f->session, "PUT", url, PB_TEST_DEMO_TOKEN,
                                                     NULL, body);

    pb_test_assert_api_error (bad, 415);
  }
  {
    g_autoptr(PbTestAnswer) bad =
      pb_test_demo_request (f, "PUT", path, "{\"name\":\"only a name\"}");

    pb_test_assert_api_error (bad, 400);
  }
}

static void
test_test_connection (PbTestDemo    *f,
                      gconstpointer  user_data)
{
  g_autofree char *body = pb_test_read_fixture ("test-connection-request.json");
  g_autoptr(PbTestAnswer) answer = NULL;
  JsonObject *report;
  JsonObject *request;
  JsonObject *headers;


  answer = pb_test_demo_request (f, "POST", "/v2/connections/testConnection", body);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (answer->content_type, ==, "application/json");
  report = pb_test_answer_object (answer);
  g_assert_cmpint (pb_test_json_int (report, "statusCode"), ==, 202);
  g_assert_cmpint (pb_test_json_int (report, "executionTimeInMilliseconds"), >, 0);
  request = json_object_get_object_member (report, "request");
  g_assert_nonnull (request);
  headers = json_object_get_object_member (request, "headers");
  g_assert_nonnull (headers);
  g_assert_true (g_uuid_string_is_valid (pb_test_json_string (headers, "X-Correlation-Id")));
  g_assert_cmpstr (pb_test_json_string (headers, "X-Channel"), ==, "{sms}");
  g_assert_cmpstr (pb_test_json_string (headers, "Content-Type"), ==, "application/json");
  /* The placeholders were filled with the example values. */
  g_assert_nonnull (strstr (pb_test_json_string (request, "body"), "+15550100"));
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);

  /* A GET connection of the demo data answers 200. */
  {
    g_autoptr(GPtrArray) all = pb_test_demo_fetch_all (f);
    g_autoptr(PbTestAnswer) report2 = NULL;
    g_autofree char *connection = pb_test_json_to_string (g_ptr_array_index (all, 0));
    g_autofree char *wrapped = g_strdup_printf ("{\"connection\":%s}", connection);

    report2 = pb_test_demo_request (f, "POST", "/v2/connections/testConnection", wrapped);
    g_assert_cmpuint (report2->status, ==, 200);
    g_assert_cmpint (pb_test_json_int (pb_test_answer_object (report2), "statusCode"), ==, 200);
  }

  /* Not such a document. */
  {
    const char *bodies[] = { "{}", "{\"connection\": 3}", "[]", "nope",
                             "{\"connection\":{\"request\":{\"connectionUrl\":\"ftp:/x\"}}}",
                             "{\"connection\":{\"request\":{\"connectionUrl\":7}}}" };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(PbTestAnswer) bad = pb_test_demo_request (f, "POST",
                                                            "/v2/connections/testConnection",
                                                            bodies[i]);

        pb_test_assert_api_error (bad, 400);
      }
  }
  {
    g_autofree char *url = g_strconcat (f->base, "/v2/connections/testConnection", NULL);
    g_autoptr(PbTestAnswer) bad = pb_test_http_send (f->session, "POST", url, PB_TEST_DEMO_TOKEN,
                                                     "text/plain", body);

    pb_test_assert_api_error (bad, 415);
  }
}

static void
test_put_remove (PbTestDemo    *f,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ref = NULL;
  JsonObject *first;

  all = pb_test_demo_fetch_all (f);
  first = g_ptr_array_index (all, 0);
  ref = g_strdup (pb_test_json_string (first, "ref"));
  path = g_strconcat ("/v2/connections/", ref, NULL);

  /* Changed between two fetches. */
  json_object_set_string_member (first, "name", "Changed behind your back");
  json_object_set_string_member (first, "href", "");
  text = pb_test_json_to_string (first);
  g_assert_true (pb_demo_server_put_connection (f->server, text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", path, NULL);
    g_autofree char *href = g_strconcat (f->base, path, NULL);

    g_assert_cmpstr (pb_test_json_string (pb_test_answer_object (answer), "name"), ==,
                     "Changed behind your back");
    g_assert_cmpstr (pb_test_json_string (pb_test_answer_object (answer), "href"), ==, href);
  }
  {
    g_autoptr(PbTestAnswer) answer =
      pb_test_demo_request (f, "GET", "/v2/connections?limit=1", NULL);
    JsonObject *item = json_array_get_object_element (pb_test_answer_items (answer), 0);

    /* Replaced where it stood. */
    g_assert_cmpstr (pb_test_json_string (item, "ref"), ==, ref);
  }

  /* A new one is added at the end. */
  g_assert_true (pb_demo_server_put_connection (f->server,
                                                "{\"ref\":\"new-one\",\"name\":\"New\"}", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 25);
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections?offset=24",
                                                           NULL);
    JsonObject *item = json_array_get_object_element (pb_test_answer_items (answer), 0);

    g_assert_cmpstr (pb_test_json_string (item, "name"), ==, "New");
  }

  /* Removed: gone from the list and 404 by ref. */
  g_assert_true (pb_demo_server_remove_connection (f->server, ref));
  g_assert_false (pb_demo_server_remove_connection (f->server, ref));
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", path, NULL);

    pb_test_assert_api_error (answer, 404);
  }
  {
    g_autoptr(GPtrArray) now = pb_test_demo_fetch_all (f);

    g_assert_cmpuint (now->len, ==, 24);
    for (guint i = 0; i < now->len; i++)
      g_assert_cmpstr (pb_test_json_string (g_ptr_array_index (now, i), "ref"), !=, ref);
  }

  /* What is not a connection is refused. */
  g_assert_false (pb_demo_server_put_connection (f->server, "{", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (pb_demo_server_put_connection (f->server, "{\"name\":\"no ref\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (pb_demo_server_put_connection (f->server, "[1, 2]", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);
}

static void
test_load_data (PbTestDemo    *f,
                gconstpointer  user_data)
{
  g_autofree char *list = pb_test_read_fixture ("list-connections.json");
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "", "nope", "[]", "{}", "{\"items\": {}}", "{\"items\": [1]}",
                        "{\"items\": [{\"ref\": \"a\"}, \"b\"]}", "\xff" };


  g_assert_true (pb_demo_server_load_data (f->server, list, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 1);
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);
    JsonArray *items = pb_test_answer_items (answer);
    JsonObject *item;
    g_autofree char *href = NULL;

    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    item = json_array_get_object_element (items, 0);
    href = g_strconcat (f->base, "/v2/connections/65aeee1b-d0ba-478b-ac97-a6fced1b2a4a", NULL);
    /* The "<baseURL>" of the file becomes the server's own. */
    g_assert_cmpstr (pb_test_json_string (item, "href"), ==, href);
    g_assert_cmpstr (pb_test_json_string (item, "name"), ==, "First web service");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item,
                                                                           "outputMappings")),
                      ==, 9);
  }

  {
    g_autoptr(GString) deep = g_string_new ("{\"items\": [");

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    g_assert_false (pb_demo_server_load_data (f->server, deep->str, deep->len, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_string_erase (deep, 0, strlen ("{\"items\": ["));
    g_string_prepend (deep, "{\"ref\": \"x\", \"deep\": ");
    g_assert_false (pb_demo_server_put_connection (f->server, deep->str, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pb_demo_server_load_data (f->server, bad[i], -1, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
      /* The data stays as it was. */
      g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 1);
    }

  g_assert_true (pb_demo_server_load_data (f->server, "{\"items\": []}", -1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (json_array_get_length (pb_test_answer_items (answer)), ==, 0);
  }
}

static void
test_generate (PbTestDemo    *f,
               gconstpointer  user_data)
{
  PbTestDemo g;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  guint archived = 0, destinations = 0, oauth = 0, non_latin = 0, placeholders = 0, puts = 0;

  pb_test_demo_set_up (&g, NULL);

  pb_demo_server_generate (f->server, 10000, 42);
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 10000);

  all = pb_test_demo_fetch_all (f);
  g_assert_cmpuint (all->len, ==, 10000);
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *object = g_ptr_array_index (all, i);
      JsonObject *request = json_object_get_object_member (object, "request");
      const char *ref = pb_test_json_string (object, "ref");
      const char *name = pb_test_json_string (object, "name");

      g_assert_true (g_uuid_string_is_valid (ref));
      g_assert_true (g_hash_table_add (refs, (char *) ref));
      g_assert_cmpstr (name, !=, "");
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_nonnull (request);
      g_assert_nonnull (json_object_get_object_member (object, "auth"));

      archived += json_object_get_boolean_member (object, "archived");
      destinations += g_str_equal (pb_test_json_string (object, "systemType"), "DESTINATION");
      oauth += g_str_equal (pb_test_json_string (json_object_get_object_member (object, "auth"),
                                                 "authType"), "OAUTH");
      non_latin += !g_str_is_ascii (name);
      puts += g_str_equal (pb_test_json_string (request, "requestType"), "PUT");
      if (json_object_has_member (request, "requestBody"))
        placeholders += strstr (pb_test_json_string (request, "requestBody"), "${") != NULL;
    }

  /* A realistic mix. */
  g_assert_cmpuint (archived, >, 0);
  g_assert_cmpuint (archived, <, 2000);
  g_assert_cmpuint (destinations, >, 1000);
  g_assert_cmpuint (destinations, <, 9000);
  g_assert_cmpuint (oauth, >, 1000);
  g_assert_cmpuint (oauth, <, 9000);
  g_assert_cmpuint (non_latin, >, 0);
  g_assert_cmpuint (placeholders, >, 1000);
  g_assert_cmpuint (puts, >, 0);

  /* The same seed gives the same connections. */
  pb_demo_server_generate (g.server, 10000, 42);
  {
    g_autoptr(PbTestAnswer) a =
      pb_test_demo_request (f, "GET", "/v2/connections?offset=5000&limit=100", NULL);
    g_autoptr(PbTestAnswer) b =
      pb_test_demo_request (&g, "GET", "/v2/connections?offset=5000&limit=100", NULL);
    JsonArray *items_a = pb_test_answer_items (a);
    JsonArray *items_b = pb_test_answer_items (b);

    g_assert_cmpuint (json_array_get_length (items_a), ==, 100);
    for (guint i = 0; i < 100; i++)
      {
        JsonObject *x = json_array_get_object_element (items_a, i);
        JsonObject *y = json_array_get_object_element (items_b, i);
        g_autofree char *tx = NULL;
        g_autofree char *ty = NULL;

        /* Only the server's address differs. */
        json_object_remove_member (x, "href");
        json_object_remove_member (y, "href");
        tx = pb_test_json_to_string (x);
        ty = pb_test_json_to_string (y);
        g_assert_cmpstr (tx, ==, ty);
      }
  }

  /* Another seed, other connections. */
  pb_demo_server_generate (g.server, 100, 43);
  g_assert_cmpuint (pb_demo_server_get_n_connections (g.server), ==, 100);
  {
    g_autoptr(PbTestAnswer) b = pb_test_demo_request (&g, "GET", "/v2/connections?limit=1", NULL);
    JsonObject *y = json_array_get_object_element (pb_test_answer_items (b), 0);

    g_assert_cmpstr (pb_test_json_string (y, "ref"), !=,
                     pb_test_json_string (g_ptr_array_index (all, 0), "ref"));
  }

  pb_demo_server_generate (g.server, 0, 1);
  g_assert_cmpuint (pb_demo_server_get_n_connections (g.server), ==, 0);

  pb_test_demo_tear_down (&g, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  PB_TEST_DEMO_ADD ("/demo-server/builtin-data", test_builtin_data);
  PB_TEST_DEMO_ADD ("/demo-server/paging", test_paging);
  PB_TEST_DEMO_ADD ("/demo-server/get-by-ref", test_get_by_ref);
  PB_TEST_DEMO_ADD ("/demo-server/create", test_create);
  PB_TEST_DEMO_ADD ("/demo-server/update", test_update);
  PB_TEST_DEMO_ADD ("/demo-server/test-connection", test_test_connection);
  PB_TEST_DEMO_ADD ("/demo-server/put-remove", test_put_remove);
  PB_TEST_DEMO_ADD ("/demo-server/load-data", test_load_data);
  PB_TEST_DEMO_ADD ("/demo-server/generate", test_generate);

  return g_test_run ();
}
