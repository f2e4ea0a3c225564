/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-test-report"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-http.h"
#include "pb-secret.h"
#include "pb-test-report.h"
#include "pb-test-util.h"

/* The report of a connection test as the API answers it (PbTestReport), and the words of an
 * HTTP status it shows. */

static void
test_status_phrase (void)
{
  g_autofree char *accepted = pb_http_status_text (202);
  g_autofree char *unavailable = pb_http_status_text (503);
  g_autofree char *odd = pb_http_status_text (599);

  g_assert_cmpstr (pb_http_status_phrase (200), ==, "OK");
  g_assert_cmpstr (pb_http_status_phrase (404), ==, "Not Found");
  g_assert_null (pb_http_status_phrase (0));
  g_assert_null (pb_http_status_phrase (299));
  g_assert_cmpstr (accepted, ==, "202 Accepted");
  g_assert_cmpstr (unavailable, ==, "503 Service Unavailable");
  g_assert_cmpstr (odd, ==, "599");
}

static void
test_report_fixture (void)
{
  g_autofree char *data = pb_test_read_fixture ("test-connection-report.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbTestReport) report = pb_test_report_new_from_data (data, -1, &error);
  GListModel *headers;
  g_autoptr(PbNameValue) last = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pb_test_report_get_status (report), ==, 202);
  g_assert_cmpstr (pb_test_report_get_status_text (report), ==, "202 Accepted");
  g_assert_true (pb_test_report_get_succeeded (report));
  g_assert_cmpint (pb_test_report_get_execution_time (report), ==, 351);
  headers = pb_test_report_get_headers (report);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 4);
  last = g_list_model_get_item (headers, 3);
  g_assert_cmpstr (pb_name_value_get_name (last), ==, "X-Correlation-Id");
  g_assert_cmpstr (pb_name_value_get_value (last), ==, "0d9c8b7a-6e5f-4a3b-8c2d-1e0f9a8b7c6d");
  g_assert_false (pb_test_report_get_has_secrets (report));
  g_assert_true (g_str_has_prefix (pb_test_report_get_json_pretty (report),
                                   "{\n  \"statusCode\": 202,\n"));
  g_assert_cmpstr (pb_test_report_get_json_pretty_masked (report), ==,
                   pb_test_report_get_json_pretty (report));
}

static void
test_report_shapes (void)
{
  const char *array_form =
    "{\"statusCode\": 503.0, \"executionTimeInMilliseconds\": 12.5,"
    " \"request\": {\"headers\": [{\"name\": \"Accept\", \"value\": \"*/*\"},"
    "   {\"name\": \"Authorization\", \"value\": \"Bearer sk-REPORT-9\"}, 42,"
    "   {\"name\": \"X-Many\", \"value\": [\"a\", \"b\"]}, {\"name\": \"X-Num\", \"value\": 7}]},"
    " \"access_token\": \"at-REPORT-10\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbTestReport) report = pb_test_report_new_from_data (array_form, -1, &error);
  GListModel *headers;
  const char *expected[][2] = {
    { "Accept", "*/*" }, { "Authorization", "Bearer sk-REPORT-9" }, { NULL, "42" },
    { "X-Many", "a, b" }, { "X-Num", "7" },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (pb_test_report_get_status (report), ==, 503);
  g_assert_cmpstr (pb_test_report_get_status_text (report), ==, "503 Service Unavailable");
  g_assert_false (pb_test_report_get_succeeded (report));
  g_assert_cmpint (pb_test_report_get_execution_time (report), ==, -1);
  headers = pb_test_report_get_headers (report);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PbNameValue) item = g_list_model_get_item (headers, i);

      g_assert_cmpstr (pb_name_value_get_name (item), ==, expected[i][0]);
      g_assert_cmpstr (pb_name_value_get_value (item), ==, expected[i][1]);
    }
  g_assert_true (pb_test_report_get_has_secrets (report));
  g_assert_nonnull (strstr (pb_test_report_get_json_pretty (report), "sk-REPORT-9"));
  g_assert_null (strstr (pb_test_report_get_json_pretty_masked (report), "sk-REPORT-9"));
  g_assert_null (strstr (pb_test_report_get_json_pretty_masked (report), "at-REPORT-10"));
  g_assert_nonnull (strstr (pb_test_report_get_json_pretty_masked (report),
                            "Bearer " PB_SECRET_MASK));
}

/* What the report says was sent (as the demo server answers: the URL, the headers, the body as
 * a string or as JSON): masked in the text shown, exactly as received in the other. */
static void
test_report_sent_request (void)
{
  const char *reports[] = {
    "{\"statusCode\": 202, \"request\": {\"method\": \"POST\","
    " \"url\": \"https://user:planted-SECRET-5@h/v1?api_key=planted-SECRET-6&to=VISIBLE-6\","
    " \"headers\": {\"Authorization\": \"Basic planted-SECRET-11\","
    "   \"X-Key\": \"planted-SECRET-13\", \"Accept\": \"VISIBLE-8\"},"
    " \"body\": \"{\\n  \\\"password\\\": \\\"planted-SECRET-8\\\",\\n  \\\"count\\\": 5,"
    " \\\"id\\\": \\\"VISIBLE-7\\\"\\n}\"}}",
    "{\"statusCode\": 202, \"request\": {\"url\": \"https://h/v1?to=VISIBLE-6\","
    " \"body\": {\"user\": {\"sig\": \"planted-SECRET-10\", \"id\": \"VISIBLE-7\"}}}}",
    "{\"statusCode\": 202, \"request\": {\"body\": \"a=VISIBLE-7&pwd=planted-SECRET-1\"}}",
  };
  g_autoptr(GRegex) marker = g_regex_new ("planted-SECRET-[0-9]+", 0, 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbTestReport) report = pb_test_report_new_from_data (reports[i], -1, &error);
      g_autofree char *expected = NULL;
      const char *clear;

      g_assert_no_error (error);
      clear = pb_test_report_get_json_pretty (report);
      g_assert_nonnull (strstr (clear, "planted-SECRET-"));
      g_assert_true (pb_test_report_get_has_secrets (report));
      /* Each secret masked, nothing else changed. */
      expected = g_regex_replace_literal (marker, clear, -1, 0, PB_SECRET_MASK, 0, NULL);
      g_assert_cmpstr (pb_test_report_get_json_pretty_masked (report), ==, expected);
    }
}

static void
test_report_lenient (void)
{
  const char *odd[] = {
    "{}", "{\"statusCode\": \"202\"}", "{\"statusCode\": -5, \"request\": 3}",
    "{\"statusCode\": 1e300, \"executionTimeInMilliseconds\": -1}",
    "{\"request\": {\"headers\": \"Accept: */*\"}}", "{\"request\": {\"headers\": null}}",
  };
  const char *bad[] = { "", "[]", "42", "{", "not json", "{\"a\": 1} x" };

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbTestReport) report = pb_test_report_new_from_data (odd[i], -1, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (pb_test_report_get_status (report), ==, 0);
      g_assert_null (pb_test_report_get_status_text (report));
      g_assert_false (pb_test_report_get_succeeded (report));
      g_assert_cmpint (pb_test_report_get_execution_time (report), ==, -1);
      g_assert_cmpuint (g_list_model_get_n_items (pb_test_report_get_headers (report)), ==, 0);
      g_assert_nonnull (pb_test_report_get_json_pretty (report));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbTestReport) report = pb_test_report_new_from_data (bad[i], -1, &error);

      PbParseError code = (i == 1 || i == 2) ? PB_PARSE_ERROR_STRUCTURE : PB_PARSE_ERROR_SYNTAX;

      g_assert_error (error, PB_PARSE_ERROR, (gint)code);
      g_assert_null (report);
    }

  /* Nested deeper than any parser of Plugboard takes: refused, not a crash. */
  {
    GString *deep = g_string_new ("{\"a\":");
    g_autoptr(GError) error = NULL;
    g_autoptr(PbTestReport) report = NULL;
    g_autoptr(PbTestReport) fine = NULL;
    g_autofree char *text = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    text = g_string_free (deep, FALSE);
    report = pb_test_report_new_from_data (text, -1, &error);
    g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
    g_assert_null (report);

    /* Brackets inside strings do not count. */
    g_clear_error (&error);
    g_free (text);
    deep = g_string_new ("{\"a\":\"");
    for (guint i = 0; i < 1000; i++)
      g_string_append (deep, "[{");
    g_string_append (deep, "\\\"\", \"statusCode\": 200}");
    text = g_string_free (deep, FALSE);
    fine = pb_test_report_new_from_data (text, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pb_test_report_get_status (fine), ==, 200);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbTestReport) report = pb_test_report_new_from_data ("{\"a\":\"\xff\"}", -1,
                                                                   &error);

    g_assert_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX);
    g_assert_null (report);
  }
}

static void
test_report_async (void)
{
  g_autofree char *data = pb_test_read_fixture ("test-connection-report.json");
  g_auto(PbTestWaiter) waiter = { NULL };
  g_autoptr(GError) error = NULL;
  PbTestReport *report;

  pb_test_report_new_async (data, -1, NULL, pb_test_waiter_cb, &waiter);
  report = pb_test_report_new_finish (pb_test_waiter_wait (&waiter), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_test_report_get_status (report), ==, 202);
  g_assert_finalize_object (report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/test-report/status-phrase", test_status_phrase);
  g_test_add_func ("/test-report/fixture", test_report_fixture);
  g_test_add_func ("/test-report/shapes", test_report_shapes);
  g_test_add_func ("/test-report/sent-request", test_report_sent_request);
  g_test_add_func ("/test-report/lenient", test_report_lenient);
  g_test_add_func ("/test-report/async", test_report_async);

  return g_test_run ();
}
