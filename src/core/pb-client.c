/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-client-private.h"
#include "pb-connection.h"
#include "pb-http.h"
#include "pb-json.h"
#include "pb-outbound-request.h"
#include "pb-test-report.h"

/* How the client talks to the API: every request is a call (pb-client-call.c) that a worker
 * thread ends by parsing the answer with one of the functions below; a list is a series of
 * calls (pb-client-paging.c); pb-client-error.c words the failures. */

#define MAX_PAGES            10000
#define DEFAULT_TIMEOUT      30  /* seconds */

/* {{{ The client object */

G_DEFINE_FINAL_TYPE (PbClient, pb_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_pb_client_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* The base URL reduced to what requests are built on: an http(s) URL with a host and a path
 * that ends in a slash (so "v2/connections" resolves below it). NULL when unusable. */
static GUri *
parse_base_url (const char *base_url)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  if (base_url == NULL)
    return NULL;

  text = g_strstrip (g_strdup (base_url));
  uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (scheme == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;

  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0')
    dir = g_strdup ("/");
  else if (g_str_has_suffix (path, "/"))
    dir = g_strdup (path);
  else
    dir = g_strconcat (path, "/", NULL);

  return g_uri_build (SOUP_HTTP_URI_FLAGS, scheme, NULL, host, g_uri_get_port (uri),
                      dir, NULL, NULL);
}

static void
pb_client_dispose (GObject *object)
{
  PbClient *self = (PbClient *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->token_source);

  G_OBJECT_CLASS (pb_client_parent_class)->dispose (object);
}

static void
pb_client_finalize (GObject *object)
{
  PbClient *self = (PbClient *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->access_token, _pb_client_secret_free);

  G_OBJECT_CLASS (pb_client_parent_class)->finalize (object);
}

static void
pb_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbClient *self = PB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PbClient *self = PB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      g_clear_pointer (&self->base_uri, g_uri_unref);
      self->base_uri = parse_base_url (self->base_url);
      if (self->base_uri == NULL)
        g_debug ("The base URL is not an http(s) URL with a host; every call will fail");
      break;

    case PROP_TIMEOUT:
      pb_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_client_class_init (PbClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_client_dispose;
  object_class->finalize = pb_client_finalize;
  object_class->get_property = pb_client_get_property;
  object_class->set_property = pb_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_client_init (PbClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_pages = MAX_PAGES;
  self->cancellable = g_cancellable_new ();
  self->session = pb_http_session_new (DEFAULT_TIMEOUT);
}

PbClient *
pb_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (PB_TYPE_CLIENT,
                       "base-url", base_url,
                       NULL);
}

const char *
pb_client_get_base_url (PbClient *self)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);

  return self->base_url;
}

void
pb_client_set_access_token (PbClient   *self,
                            const char *token)
{
  g_return_if_fail (PB_IS_CLIENT (self));

  g_clear_pointer (&self->access_token, _pb_client_secret_free);
  self->access_token = g_strdup (token);
  g_clear_object (&self->token_source);
}

void
pb_client_set_token_source (PbClient      *self,
                            PbTokenSource *source)
{
  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (source == NULL || PB_IS_TOKEN_SOURCE (source));

  g_set_object (&self->token_source, source);
  if (source != NULL)
    g_clear_pointer (&self->access_token, _pb_client_secret_free);
}

void
pb_client_set_timeout (PbClient *self,
                       guint     seconds)
{
  g_return_if_fail (PB_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  soup_session_set_idle_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
pb_client_get_timeout (PbClient *self)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), 0);

  return self->timeout;
}

void
pb_client_set_tls_database (PbClient     *self,
                            GTlsDatabase *database)
{
  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  else
    {
      g_autoptr(GTlsDatabase) system = NULL;

      system = g_tls_backend_get_default_database (g_tls_backend_get_default ());
      soup_session_set_tls_database (self->session, system);
    }
}

void
_pb_client_set_max_pages (PbClient *self,
                          guint     max_pages)
{
  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (max_pages > 0);

  self->max_pages = max_pages;
}

gpointer
_pb_client_propagate (PbClient      *self,
                      GAsyncResult  *result,
                      gpointer       source_tag,
                      GError       **error)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GUri *
_pb_client_build_uri (PbClient    *self,
                      const char  *relative,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GUri *uri;

  if (self->base_uri == NULL)
    {
      g_propagate_error (error, _pb_client_invalid_base_url_error ());
      return NULL;
    }

  uri = g_uri_parse_relative (self->base_uri, relative, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_debug ("Cannot build a request URL: %s", local_error->message);
      g_propagate_error (error, _pb_client_invalid_base_url_error ());
    }

  return uri;
}

/* }}} */
/* {{{ Parsing answers (worker thread) */

gpointer
_pb_client_parse_connection (const char  *data,
                  gsize        length,
                  const char  *content_type,
                  GError     **error)
{
  return pb_connection_new_from_data (data, (gssize) length, error);
}

static gpointer
parse_report (const char  *data,
              gsize        length,
              const char  *content_type,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *compact = NULL;

  /* The document as received, without the white space between its tokens. */
  compact = pb_json_text_compact (data, length, PB_JSON_CHECK_ALLOW_BOM, &local_error);
  if (compact == NULL)
    {
      g_debug ("Test report: %s", local_error->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the report is not JSON");
      return NULL;
    }

  if (*compact != '{')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the report is not a JSON object");
      return NULL;
    }

  return g_steal_pointer (&compact);
}

/* The report, read for people (see pb-test-report.h). */
static gpointer
parse_test_report (const char  *data,
                   gsize        length,
                   const char  *content_type,
                   GError     **error)
{
  return pb_test_report_new_from_data (data, (gssize) length, error);
}

/* }}} */
/* {{{ One connection, test */

GUri *
_pb_client_build_connection_uri (PbClient    *self,
                                 const char  *ref,
                                 GError     **error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *relative = NULL;

  /* One path segment: everything reserved is escaped. "." and ".." cannot be sent as a
   * segment at all (even escaped, they mean "this" and "parent" folder). */
  if (*ref == '\0' || strcmp (ref, ".") == 0 || strcmp (ref, "..") == 0)
    {
      g_debug ("Not asking for a connection with an empty or dot ref");
      g_propagate_error (error, _pb_client_error_new (PB_CLIENT_ERROR_NOT_FOUND, 0, -1, NULL,
                                                      _("This connection has no usable "
                                                        "reference, so the server cannot be "
                                                        "asked for it.")));
      return NULL;
    }

  escaped = g_uri_escape_string (ref, NULL, FALSE);
  relative = g_strconcat ("v2/connections/", escaped, NULL);
  return _pb_client_build_uri (self, relative, error);
}

void
pb_client_get_connection_async (PbClient            *self,
                                const char          *ref,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  GUri *uri;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (ref != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_get_connection_async);

  uri = _pb_client_build_connection_uri (self, ref, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _pb_client_call_start (task, "GET", uri, NULL, _pb_client_parse_connection, g_object_unref);
}

PbConnection *
pb_client_get_connection_finish (PbClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _pb_client_propagate (self, result, pb_client_get_connection_async, error);
}

/* POST /v2/connections/testConnection with {"connection": <the object as received>}, its
 * placeholders filled from `values` when given. */
static void
start_test (PbClient            *self,
            PbConnection        *connection,
            GHashTable          *values,
            gpointer             source_tag,
            PbClientParseFunc    parse,
            GDestroyNotify       result_free,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  char *json;
  GUri *uri;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (PB_IS_CONNECTION (connection));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  uri = _pb_client_build_uri (self, "v2/connections/testConnection", &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  json = pb_connection_dup_test_body (connection, values);
  body = g_bytes_new_take (json, strlen (json));
  _pb_client_call_start (task, "POST", uri, body, parse, result_free);
}

void
pb_client_test_connection_async (PbClient            *self,
                                 PbConnection        *connection,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  start_test (self, connection, NULL, pb_client_test_connection_async, parse_report, g_free,
              cancellable, callback, user_data);
}

char *
pb_client_test_connection_finish (PbClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _pb_client_propagate (self, result, pb_client_test_connection_async, error);
}

void
pb_client_run_test_async (PbClient            *self,
                          PbConnection        *connection,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  start_test (self, connection, NULL, pb_client_run_test_async, parse_test_report,
              g_object_unref, cancellable, callback, user_data);
}

void
pb_client_run_test_with_values_async (PbClient            *self,
                                      PbConnection        *connection,
                                      GHashTable          *values,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  /* Finished by pb_client_run_test_finish(): the same call. */
  start_test (self, connection, values, pb_client_run_test_async, parse_test_report,
              g_object_unref, cancellable, callback, user_data);
}

PbTestReport *
pb_client_run_test_finish (PbClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _pb_client_propagate (self, result, pb_client_run_test_async, error);
}

/* }}} */
/* {{{ Sign-in check */

void
pb_client_check_sign_in_async (PbClient            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  GUri *uri;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_check_sign_in_async);

  /* The smallest page there is: one connection at most. */
  uri = _pb_client_build_uri (self, "v2/connections?limit=1&offset=0", &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _pb_client_call_start (task, "GET", uri, NULL, _pb_client_parse_list_page,
                         (GDestroyNotify) g_ptr_array_unref);
}

gboolean
pb_client_check_sign_in_finish (PbClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(GPtrArray) page = NULL;

  page = _pb_client_propagate (self, result, pb_client_check_sign_in_async, error);
  return page != NULL;
}

/* }}} */
