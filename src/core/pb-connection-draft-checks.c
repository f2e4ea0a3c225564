/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-draft-checks"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-connection-draft-private.h"
#include "pb-json.h"
#include "pb-placeholders.h"

/* What is wrong with a draft, in the order of the form. */

/* {{{ PbDraftProblem */

G_DEFINE_BOXED_TYPE (PbDraftProblem, pb_draft_problem, pb_draft_problem_copy,
                     pb_draft_problem_free)

PbDraftProblem *
pb_draft_problem_copy (const PbDraftProblem *problem)
{
  PbDraftProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_new (PbDraftProblem, 1);
  *copy = *problem;
  copy->message = g_strdup (problem->message);
  return copy;
}

void
pb_draft_problem_free (PbDraftProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

/* }}} */

/* {{{ Problems */

typedef struct
{
  PbConnectionDraft *draft;
  GPtrArray         *problems;
} Checks;

static void
add_problem (Checks              *c,
             PbDraftProblemLevel  level,
             int                  field,
             int                  table,
             int                  row,
             const char          *column,
             char                *message)
{
  PbDraftProblem *problem = g_new (PbDraftProblem, 1);

  problem->level = level;
  problem->field = field;
  problem->table = table;
  problem->row = row;
  problem->column = column;
  problem->message = message;
  g_ptr_array_add (c->problems, problem);
}

static void
field_error (Checks       *c,
             PbDraftField  field,
             const char   *message)
{
  add_problem (c, PB_DRAFT_PROBLEM_ERROR, field, -1, -1, NULL, g_strdup (message));
}

static void
field_warning (Checks       *c,
               PbDraftField  field,
               const char   *message)
{
  add_problem (c, PB_DRAFT_PROBLEM_WARNING, field, -1, -1, NULL, g_strdup (message));
}

/* The field's text without white space around it. */
static char *
field_text (Checks       *c,
            PbDraftField  field)
{
  return g_strstrip (g_strdup (pb_connection_draft_get_text (c->draft, field)));
}

/* The column's own (static) name. */
static const char *
static_column (PbDraftTable  table,
               const char   *name)
{
  const char * const *columns = pb_draft_table_get_columns (table);

  for (guint i = 0; columns[i] != NULL; i++)
    if (strcmp (columns[i], name) == 0)
      return columns[i];
  g_return_val_if_reached (NULL);
}

/* }}} */
/* {{{ Texts */

/* `text` with each ${placeholder} stood in for by `stand_in`. */
static char *
stand_in_placeholders (const char *text,
                       const char *stand_in)
{
  g_autoptr(GArray) spans = pb_json_text_find_placeholders (text);
  GString *out = g_string_new (NULL);
  gsize copied = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const PbTextSpan *span = &g_array_index (spans, PbTextSpan, i);

      g_string_append_len (out, text + copied, span->start - copied);
      g_string_append (out, stand_in);
      copied = span->end;
    }
  g_string_append (out, text + copied);

  return g_string_free (out, FALSE);
}

typedef enum
{
  ADDRESS_OK,
  ADDRESS_INCOMPLETE,  /* not a URL with a host */
  ADDRESS_SCHEME,      /* not http or https */
  ADDRESS_NOT_HTTPS,   /* http where https is needed */
} AddressCheck;

/* Whether `text` is a complete web address (its ${placeholders} stood in for). */
static AddressCheck
check_address (const char *text,
               gboolean    https_only)
{
  g_autofree char *stood_in = stand_in_placeholders (text, "x");
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  for (const char *p = stood_in; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return ADDRESS_INCOMPLETE;

  uri = g_uri_parse (stood_in, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return strstr (stood_in, "://") == NULL ? ADDRESS_SCHEME : ADDRESS_INCOMPLETE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0)
    {
      if (g_ascii_strcasecmp (scheme, "http") != 0)
        return ADDRESS_SCHEME;
      if (https_only)
        return ADDRESS_NOT_HTTPS;
    }
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return ADDRESS_INCOMPLETE;

  return ADDRESS_OK;
}

/* What is wrong with JSON text, as a sentence's end: the reason pb_json_text_check() gives,
 * without its own start ("The data is not valid JSON: "). */
static const char *
json_reason (const GError *error)
{
  /* TRANSLATORS: the same text as in pb-json.c. */
  const char *format = _("The data is not valid JSON: %s (line %u, column %ld).");
  const char *end = strstr (format, "%s");
  gsize prefix = end != NULL ? (gsize)(end - format) : 0;

  if (prefix > 0 && strncmp (error->message, format, prefix) == 0)
    return error->message + prefix;
  return error->message;
}

/* Whether `text` (without white space around it) is a whole number from 1 to 2^31 - 1. */
static gboolean
is_positive_whole_number (const char *text)
{
  guint64 value;

  if (text[0] == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &value, NULL);
}

static gboolean
is_oauth (const char *auth_type)
{
  return g_ascii_strcasecmp (auth_type, "OAUTH") == 0;
}

/* }}} */
/* {{{ The checks, in the order of the form */

static void
check_name (Checks *c)
{
  g_autofree char *name = field_text (c, PB_DRAFT_NAME);

  if (name[0] == '\0')
    field_error (c, PB_DRAFT_NAME, _("Enter a name."));
  else if (strchr (name, '-') != NULL
           && strcmp (pb_connection_draft_get_text (c->draft, PB_DRAFT_SYSTEM_TYPE),
                      "DATA_SYSTEM") == 0)
    field_warning (c, PB_DRAFT_NAME,
                   _("Hyphens in a data system’s name break references from decisions."));
}

static void
check_system_type (Checks *c)
{
  g_autofree char *system_type = field_text (c, PB_DRAFT_SYSTEM_TYPE);

  if (system_type[0] == '\0')
    field_error (c, PB_DRAFT_SYSTEM_TYPE, _("Choose a system type."));
}

static void
check_auth (Checks *c)
{
  g_autofree char *auth_type = field_text (c, PB_DRAFT_AUTH_TYPE);
  g_autofree char *client_id = NULL;
  g_autofree char *token_url = NULL;

  if (auth_type[0] == '\0')
    {
      field_error (c, PB_DRAFT_AUTH_TYPE, _("Choose an authentication type."));
      return;
    }
  if (!is_oauth (auth_type))
    return;

  client_id = field_text (c, PB_DRAFT_AUTH_CLIENT_ID);
  if (client_id[0] == '\0')
    field_error (c, PB_DRAFT_AUTH_CLIENT_ID, _("Enter the client ID."));

  /* The API never gives the secret back: a new connection (a duplicate too) has none until
   * one is typed, and its calls cannot sign in. Said, not enforced: it may be typed later. */
  if (pb_connection_draft_is_new (c->draft) &&
      pb_connection_draft_get_text (c->draft, PB_DRAFT_AUTH_CLIENT_SECRET)[0] == '\0')
    field_warning (c, PB_DRAFT_AUTH_CLIENT_SECRET,
                   _("A new connection has no client secret until one is typed: without it, "
                     "its calls cannot sign in."));

  token_url = field_text (c, PB_DRAFT_AUTH_ACCESS_TOKEN_URL);
  if (token_url[0] == '\0')
    {
      field_error (c, PB_DRAFT_AUTH_ACCESS_TOKEN_URL, _("Enter the token URL."));
      return;
    }
  switch (check_address (token_url, TRUE))
    {
    case ADDRESS_OK:
      break;
    case ADDRESS_SCHEME:
    case ADDRESS_NOT_HTTPS:
      field_error (c, PB_DRAFT_AUTH_ACCESS_TOKEN_URL,
                   _("The token URL must start with https://."));
      break;
    case ADDRESS_INCOMPLETE:
    default:
      field_error (c, PB_DRAFT_AUTH_ACCESS_TOKEN_URL,
                   _("The token URL is not a complete web address, such as "
                     "https://example.com/oauth/token."));
      break;
    }
}

static void
check_request (Checks *c)
{
  g_autofree char *method = field_text (c, PB_DRAFT_REQUEST_TYPE);
  g_autofree char *url = field_text (c, PB_DRAFT_CONNECTION_URL);

  if (method[0] == '\0')
    field_error (c, PB_DRAFT_REQUEST_TYPE, _("Choose a method."));

  if (url[0] == '\0')
    field_error (c, PB_DRAFT_CONNECTION_URL, _("Enter the URL."));
  /* A URL that starts with a placeholder is only known when the connection runs. */
  else if (!g_str_has_prefix (url, "${"))
    switch (check_address (url, FALSE))
      {
      case ADDRESS_OK:
        break;
      case ADDRESS_SCHEME:
      case ADDRESS_NOT_HTTPS:
        field_error (c, PB_DRAFT_CONNECTION_URL,
                     _("The URL must start with https:// or http://."));
        break;
      case ADDRESS_INCOMPLETE:
      default:
        field_error (c, PB_DRAFT_CONNECTION_URL,
                     _("The URL is not a complete web address, such as "
                       "https://example.com/path."));
        break;
      }
}

/* A body that starts like JSON must be JSON once its placeholders are stood in for. */
static void
check_body (Checks *c)
{
  const char *body = pb_connection_draft_get_text (c->draft, PB_DRAFT_REQUEST_BODY);
  const char *p = body;
  g_autoptr(GError) error = NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '{' && *p != '[')
    return;

  if (!pb_json_text_check (body, strlen (body), PB_JSON_CHECK_ALLOW_PLACEHOLDERS, &error))
    add_problem (c, PB_DRAFT_PROBLEM_ERROR, PB_DRAFT_REQUEST_BODY, -1, -1, NULL,
                 /* TRANSLATORS: %s says what is wrong, e.g. "a colon was expected (line 1,
                  * column 9)." */
                 g_strdup_printf (_("The body is not valid JSON: %s"), json_reason (error)));
}

static void
check_url_parameters (Checks *c)
{
  g_autofree char *text = field_text (c, PB_DRAFT_URL_PARAMETERS);
  g_autoptr(GError) error = NULL;

  if (text[0] == '\0')
    return;
  if (!pb_json_text_check (text, strlen (text), PB_JSON_CHECK_DEFAULT, &error))
    add_problem (c, PB_DRAFT_PROBLEM_ERROR, PB_DRAFT_URL_PARAMETERS, -1, -1, NULL,
                 /* TRANSLATORS: %s says what is wrong, e.g. "a colon was expected (line 1,
                  * column 9)." */
                 g_strdup_printf (_("The URL parameters are not valid JSON: %s"),
                                  json_reason (error)));
  else if (text[0] != '[')
    field_error (c, PB_DRAFT_URL_PARAMETERS,
                 _("The URL parameters must be a list in square brackets, such as []."));
}

/* Rows of name and value whose name is empty. */
static void
check_names (Checks       *c,
             PbDraftTable  table,
             const char   *message)
{
  GListModel *rows = pb_connection_draft_get_table (c->draft, table);
  guint n = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbDraftRow) row = g_list_model_get_item (rows, i);
      g_autofree char *name = g_strstrip (g_strdup (pb_draft_row_get (row, "name")));

      if (name[0] == '\0')
        add_problem (c, PB_DRAFT_PROBLEM_ERROR, -1, table, i, static_column (table, "name"),
                     g_strdup (message));
    }
}

/* The placeholders of `text` seen for the first time that no input mapping has as its key:
 * said at the field (or the row) that has them. */
static void
check_mapped (Checks       *c,
              GHashTable   *seen,
              GHashTable   *keys,
              const char   *text,
              int           field,
              int           table,
              int           row,
              const char   *column)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  pb_placeholders_add_names (names, seen, text);
  for (guint i = 0; i < names->len; i++)
    if (!g_hash_table_contains (keys, names->pdata[i]))
      add_problem (c, PB_DRAFT_PROBLEM_WARNING, field, table, row, column,
                   /* TRANSLATORS: %s is a name, e.g. "email": the placeholder ${email} */
                   g_strdup_printf (_("No input mapping for ${%s}."),
                                    (const char *)names->pdata[i]));
}

/* Every placeholder of the request has an input mapping, every input mapping is used. */
static void
check_placeholders (Checks *c)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *mappings = pb_connection_draft_get_table (c->draft, PB_DRAFT_TABLE_INPUT_MAPPINGS);
  GListModel *headers = pb_connection_draft_get_table (c->draft, PB_DRAFT_TABLE_CUSTOM_HEADERS);
  guint n_mappings = g_list_model_get_n_items (mappings);
  const char *key_column = static_column (PB_DRAFT_TABLE_INPUT_MAPPINGS, "key");

  for (guint i = 0; i < n_mappings; i++)
    {
      g_autoptr(PbDraftRow) row = g_list_model_get_item (mappings, i);

      g_hash_table_add (keys, (gpointer)pb_draft_row_get (row, "key"));
    }

  check_mapped (c, seen, keys, pb_connection_draft_get_text (c->draft, PB_DRAFT_CONNECTION_URL),
                PB_DRAFT_CONNECTION_URL, -1, -1, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr(PbDraftRow) row = g_list_model_get_item (headers, i);

      check_mapped (c, seen, keys, pb_draft_row_get (row, "name"), -1,
                    PB_DRAFT_TABLE_CUSTOM_HEADERS, i,
                    static_column (PB_DRAFT_TABLE_CUSTOM_HEADERS, "name"));
      check_mapped (c, seen, keys, pb_draft_row_get (row, "value"), -1,
                    PB_DRAFT_TABLE_CUSTOM_HEADERS, i,
                    static_column (PB_DRAFT_TABLE_CUSTOM_HEADERS, "value"));
    }
  check_mapped (c, seen, keys, pb_connection_draft_get_text (c->draft, PB_DRAFT_URL_PARAMETERS),
                PB_DRAFT_URL_PARAMETERS, -1, -1, NULL);
  check_mapped (c, seen, keys, pb_connection_draft_get_text (c->draft, PB_DRAFT_REQUEST_BODY),
                PB_DRAFT_REQUEST_BODY, -1, -1, NULL);

  for (guint i = 0; i < n_mappings; i++)
    {
      g_autoptr(PbDraftRow) row = g_list_model_get_item (mappings, i);
      const char *key = pb_draft_row_get (row, "key");

      if (key[0] == '\0')
        add_problem (c, PB_DRAFT_PROBLEM_ERROR, -1, PB_DRAFT_TABLE_INPUT_MAPPINGS, i,
                     key_column,
                     g_strdup (_("Enter a key: the name of the placeholder it fills.")));
      else if (!g_hash_table_contains (seen, key))
        add_problem (c, PB_DRAFT_PROBLEM_WARNING, -1, PB_DRAFT_TABLE_INPUT_MAPPINGS, i,
                     key_column,
                     /* TRANSLATORS: %s is the key of an input mapping */
                     g_strdup_printf (_("The input mapping “%s” is not used in the URL or the "
                                        "body."), key));
    }
}

static void
check_timeout (Checks       *c,
               PbDraftField  field)
{
  g_autofree char *text = field_text (c, field);

  if (text[0] != '\0' && !is_positive_whole_number (text))
    field_error (c, field, _("Enter a whole number of milliseconds, more than 0."));
}

/* }}} */

GPtrArray *
pb_connection_draft_check (PbConnectionDraft *self)
{
  Checks c;

  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);

  c.draft = self;
  c.problems = g_ptr_array_new_with_free_func ((GDestroyNotify)pb_draft_problem_free);

  check_name (&c);
  check_system_type (&c);
  check_auth (&c);
  check_names (&c, PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS, _("Enter the header’s name."));
  check_names (&c, PB_DRAFT_TABLE_FORM_ITEMS, _("Enter the item’s name."));
  check_request (&c);
  check_body (&c);
  check_names (&c, PB_DRAFT_TABLE_CUSTOM_HEADERS, _("Enter the header’s name."));
  check_url_parameters (&c);
  check_placeholders (&c);
  check_timeout (&c, PB_DRAFT_CONNECTION_TIMEOUT);
  check_timeout (&c, PB_DRAFT_SOCKET_TIMEOUT);

  return c.problems;
}

gboolean
pb_connection_draft_has_errors (PbConnectionDraft *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), FALSE);

  problems = pb_connection_draft_check (self);
  for (guint i = 0; i < problems->len; i++)
    if (((PbDraftProblem *)g_ptr_array_index (problems, i))->level == PB_DRAFT_PROBLEM_ERROR)
      return TRUE;
  return FALSE;
}
