/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-export.h"
#include "pb-export-private.h"
#include "pb-http.h"
#include "pb-json.h"
#include "pb-test-report.h"

struct _PbTestReport
{
  GObject     parent_instance;
  guint       status;
  char       *status_text;
  gint64      execution_time;
  GListStore *headers; /* of PbNameValue */
  gboolean    has_secrets;
  char       *json_pretty;
  char       *json_pretty_masked;
};

G_DEFINE_FINAL_TYPE (PbTestReport, pb_test_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_STATUS_TEXT,
  PROP_SUCCEEDED,
  PROP_EXECUTION_TIME,
  PROP_HEADERS,
  PROP_HAS_SECRETS,
  PROP_JSON_PRETTY,
  PROP_JSON_PRETTY_MASKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_test_report_finalize (GObject *object)
{
  PbTestReport *self = PB_TEST_REPORT (object);

  g_clear_pointer (&self->status_text, g_free);
  g_clear_object (&self->headers);
  g_clear_pointer (&self->json_pretty, g_free);
  g_clear_pointer (&self->json_pretty_masked, g_free);

  G_OBJECT_CLASS (pb_test_report_parent_class)->finalize (object);
}

static void
pb_test_report_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbTestReport *self = PB_TEST_REPORT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case PROP_SUCCEEDED:
      g_value_set_boolean (value, pb_test_report_get_succeeded (self));
      break;
    case PROP_EXECUTION_TIME:
      g_value_set_int64 (value, self->execution_time);
      break;
    case PROP_HEADERS:
      g_value_set_object (value, self->headers);
      break;
    case PROP_HAS_SECRETS:
      g_value_set_boolean (value, self->has_secrets);
      break;
    case PROP_JSON_PRETTY:
      g_value_set_string (value, self->json_pretty);
      break;
    case PROP_JSON_PRETTY_MASKED:
      g_value_set_string (value, self->json_pretty_masked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_test_report_class_init (PbTestReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = pb_test_report_finalize;
  object_class->get_property = pb_test_report_get_property;

  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  properties[PROP_SUCCEEDED] = g_param_spec_boolean ("succeeded", NULL, NULL, FALSE, flags);
  properties[PROP_EXECUTION_TIME] = g_param_spec_int64 ("execution-time", NULL, NULL,
                                                        -1, G_MAXINT64, -1, flags);
  properties[PROP_HEADERS] = g_param_spec_object ("headers", NULL, NULL, G_TYPE_LIST_MODEL,
                                                  flags);
  properties[PROP_HAS_SECRETS] = g_param_spec_boolean ("has-secrets", NULL, NULL, FALSE, flags);
  properties[PROP_JSON_PRETTY] = g_param_spec_string ("json-pretty", NULL, NULL, NULL, flags);
  properties[PROP_JSON_PRETTY_MASKED] = g_param_spec_string ("json-pretty-masked", NULL, NULL,
                                                             NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_test_report_init (PbTestReport *self)
{
  self->execution_time = -1;
  self->headers = g_list_store_new (PB_TYPE_NAME_VALUE);
}

/* {{{ Reading */

static void
read_status (PbTestReport *self,
             JsonObject   *root)
{
  gint64 status;

  if (pb_json_node_get_int (pb_json_object_get_node (root, "statusCode"), &status) && status > 0
      && status <= 999)
    {
      self->status = (guint)status;
      self->status_text = pb_http_status_text (self->status);
    }

  if (!pb_json_node_get_int (pb_json_object_get_node (root, "executionTimeInMilliseconds"),
                         &self->execution_time) || self->execution_time < 0)
    self->execution_time = -1;
}

/* The text of a header value: a string as it is, strings of an array joined, else JSON. */
static char *
value_text (JsonNode *node)
{
  if (pb_json_node_get_string (node) != NULL)
    return g_strdup (pb_json_node_get_string (node));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = NULL;
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (pb_json_node_get_string (element) == NULL)
            return json_to_string (node, FALSE);
          g_strv_builder_add (builder, pb_json_node_get_string (element));
        }
      parts = g_strv_builder_end (builder);

      return g_strjoinv (", ", parts);
    }

  return json_to_string (node, FALSE);
}

static void
add_header (PbTestReport *self,
            const char   *name,
            JsonNode     *value)
{
  g_autofree char *text = value != NULL ? value_text (value) : NULL;
  g_autoptr(PbNameValue) item = pb_name_value_new (name, text);

  g_list_store_append (self->headers, item);
}

static void
read_header_item (PbTestReport *self,
                  JsonNode     *element)
{
  if (JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonObject *item = json_node_get_object (element);
      const char *name = pb_json_object_get_string (item, "name");

      if (name != NULL)
        {
          add_header (self, name, pb_json_object_get_node (item, "value"));
          return;
        }
    }

  /* An item of unknown shape: no name, its JSON as the value. */
  add_header (self, NULL, element);
}

static void
read_headers (PbTestReport *self,
              JsonObject   *root)
{
  JsonNode *headers = pb_json_object_get_node (pb_json_object_get_object (root, "request"),
                                               "headers");

  if (headers != NULL && JSON_NODE_HOLDS_OBJECT (headers))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (headers));
      while (json_object_iter_next_ordered (&iter, &name, &value))
        add_header (self, name, value);
    }
  else if (headers != NULL && JSON_NODE_HOLDS_ARRAY (headers))
    {
      JsonArray *array = json_node_get_array (headers);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_header_item (self, json_array_get_element (array, i));
    }
}

/* Masks the request body that was sent (request.body): a string as a body is masked (see
 * pb_secret_mask_json_text()); an object or an array by the same rule, through its text. */
static void
mask_sent_body (JsonObject *request)
{
  JsonNode *body = pb_json_object_get_node (request, "body");
  g_autofree char *text = NULL;
  g_autofree char *masked = NULL;

  if (body == NULL)
    return;

  if (pb_json_node_get_string (body) != NULL)
    {
      masked = pb_secret_mask_json_text (pb_json_node_get_string (body));
      if (strcmp (masked, pb_json_node_get_string (body)) != 0)
        json_object_set_string_member (request, "body", masked);
    }
  else if (JSON_NODE_HOLDS_OBJECT (body) || JSON_NODE_HOLDS_ARRAY (body))
    {
      JsonNode *node;

      text = json_to_string (body, FALSE);
      masked = pb_secret_mask_json_text (text);
      if (strcmp (masked, text) == 0)
        return;
      /* Text that json-glib wrote, masked without changing its shape: it reads back. */
      node = pb_json_text_check (masked, strlen (masked), PB_JSON_CHECK_DEFAULT, NULL)
             ? json_from_string (masked, NULL) : NULL;
      if (node != NULL)
        json_object_set_member (request, "body", node);
      else
        json_object_set_string_member (request, "body", PB_SECRET_MASK);
    }
}

/* Masks what the report says was sent: the secret-looking values of request.headers, the
 * query of request.url, the body, and the secret members anywhere. */
static void
mask_report (JsonNode *root)
{
  JsonObject *request = pb_json_object_get_object (json_node_get_object (root), "request");
  JsonNode *headers = pb_json_object_get_node (request, "headers");
  const char *url = pb_json_object_get_string (request, "url");

  if (url != NULL)
    {
      g_autofree char *masked = pb_secret_mask_url (url);

      if (strcmp (masked, url) != 0)
        json_object_set_string_member (request, "url", masked);
    }
  mask_sent_body (request);

  if (headers != NULL && JSON_NODE_HOLDS_OBJECT (headers))
    {
      JsonObject *object = json_node_get_object (headers);
      g_autoptr(GList) names = json_object_get_members (object);
      g_auto(GStrv) secret = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      /* Copied: replacing a member frees its name. */
      for (GList *l = names; l != NULL; l = l->next)
        if (pb_secret_name_looks_secret (l->data))
          g_strv_builder_add (builder, l->data);
      secret = g_strv_builder_end (builder);
      for (guint i = 0; secret[i] != NULL; i++)
        _pb_export_mask_member (object, secret[i]);
    }
  else if (headers != NULL && JSON_NODE_HOLDS_ARRAY (headers))
    {
      JsonArray *array = json_node_get_array (headers);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *item;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          item = json_node_get_object (element);
          if (pb_secret_name_looks_secret (pb_json_object_get_string (item, "name")))
            _pb_export_mask_member (item, "value");
        }
    }

  _pb_export_mask_secret_members (root);
}

/* The pretty text of the report with its secrets masked, or NULL when it has none. */
static char *
masked_pretty (JsonNode *root)
{
  g_autofree char *compact = json_to_string (root, FALSE);
  g_autoptr(JsonNode) masked = json_from_string (compact, NULL); /* a deep copy */
  g_autofree char *masked_compact = NULL;
  char *pretty;

  if (masked == NULL)
    return NULL;
  mask_report (masked);
  if (json_node_equal (masked, root))
    return NULL;

  /* Laid out like the unmasked text. */
  masked_compact = json_to_string (masked, FALSE);
  pretty = pb_json_text_pretty (masked_compact);

  return pretty != NULL ? pretty : json_to_string (masked, TRUE);
}

PbTestReport *
pb_test_report_new_from_data (const char  *data,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(PbTestReport) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = length < 0 ? g_strdup (data) : g_strndup (data != NULL ? data : "", length);
  parser = json_parser_new ();
  if ((length >= 0 && strlen (text) != (gsize) length)
      || !pb_json_parser_load (parser, text, strlen (text), PB_JSON_CHECK_ALLOW_BOM,
                               &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      g_debug ("Test report is not JSON: %s",
               local_error != NULL ? local_error->message : "not text, or empty");
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The test report cannot be read."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE,
                           _("The test report cannot be read."));
      return NULL;
    }

  self = g_object_new (PB_TYPE_TEST_REPORT, NULL);
  read_status (self, json_node_get_object (root));
  read_headers (self, json_node_get_object (root));

  self->json_pretty = pb_json_text_pretty (text);
  if (self->json_pretty == NULL)
    self->json_pretty = json_to_string (root, TRUE);
  self->json_pretty_masked = masked_pretty (root);
  self->has_secrets = self->json_pretty_masked != NULL;
  if (self->json_pretty_masked == NULL)
    self->json_pretty_masked = g_strdup (self->json_pretty);

  return g_steal_pointer (&self);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  PbTestReport *report = pb_test_report_new_from_data (data != NULL ? data : "", length, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
pb_test_report_new_async (const char          *data,
                          gssize               length,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_test_report_new_async);
  g_task_set_task_data (task, g_bytes_new (data, length < 0 ? strlen (data) : (gsize)length),
                        (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, parse_in_thread);
}

PbTestReport *
pb_test_report_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_test_report_new_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
/* {{{ Getters */

guint
pb_test_report_get_status (PbTestReport *self)
{
  g_return_val_if_fail (PB_IS_TEST_REPORT (self), 0);

  return self->status;
}

const char *
pb_test_report_get_status_text (PbTestReport *self)
{
  g_return_val_if_fail (PB_IS_TEST_REPORT (self), NULL);

  return self->status_text;
}

gboolean
pb_test_report_get_succeeded (PbTestReport *self)
{
  g_return_val_if_fail (PB_IS_TEST_REPORT (self), FALSE);

  return self->status >= 200 && self->status <= 299;
}

gint64
pb_test_report_get_execution_time (PbTestReport *self)
{
  g_return_val_if_fail (PB_IS_TEST_REPORT (self), -1);

  return self->execution_time;
}

GListModel *
pb_test_report_get_headers (PbTestReport *self)
{
  g_return_val_if_fail (PB_IS_TEST_REPORT (self), NULL);

  return G_LIST_MODEL (self->headers);
}

gboolean
pb_test_report_get_has_secrets (PbTestReport *self)
{
  g_return_val_if_fail (PB_IS_TEST_REPORT (self), FALSE);

  return self->has_secrets;
}

const char *
pb_test_report_get_json_pretty (PbTestReport *self)
{
  g_return_val_if_fail (PB_IS_TEST_REPORT (self), NULL);

  return self->json_pretty;
}

const char *
pb_test_report_get_json_pretty_masked (PbTestReport *self)
{
  g_return_val_if_fail (PB_IS_TEST_REPORT (self), NULL);

  return self->json_pretty_masked;
}

/* }}} */
