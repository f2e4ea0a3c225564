/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-account-store.h"
#include "pb-compare-window-private.h"
#include "pb-demo-server.h"

/* The accounts the Compare window offers: the two demo data sets in demo mode, else the
 * saved accounts, each with a client of its own. */

/* The tenant the demo data sets stand for (their self-references point at it). */
#define DEMO_TENANT_URL "https://api-engage-eu.sitecorecloud.io"

void
_pb_compare_side_free (PbCompareSide *side)
{
  g_free (side->title);
  g_clear_object (&side->client);
  g_free (side->cache_id);
  g_free (side->base_url);
  g_clear_error (&side->error);
  g_clear_object (&side->connections);
  g_free (side);
}

static void
add_demo_side (GPtrArray     *sides,
               PbApplication *application,
               PbDemoDataSet  data_set,
               const char    *title)
{
  PbCompareSide *side = g_new0 (PbCompareSide, 1);
  PbDemoServer *server;

  side->title = g_strdup (title);
  side->base_url = g_strdup (DEMO_TENANT_URL);
  /* The production data set stands for a production tenant: its guard shows. */
  side->production = data_set == PB_DEMO_DATA_SET_PRODUCTION;
  side->demo_shown = data_set == PB_DEMO_DATA_SET_STAGING;
  /* Staging's is the main window's: a copy there shows in its History too. */
  side->cache_id = g_strdup (pb_application_get_demo_source_id (data_set));
  server = pb_application_get_demo_server (application, data_set, &side->error);
  if (server != NULL)
    {
      side->client = pb_client_new (pb_demo_server_get_base_url (server));
      pb_client_set_access_token (side->client, pb_demo_server_get_token (server));
    }
  g_ptr_array_add (sides, side);
}

static void
add_account_sides (GPtrArray     *sides,
                   PbApplication *application)
{
  GListModel *accounts = G_LIST_MODEL (pb_application_get_accounts (application));

  for (guint i = 0; accounts != NULL && i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(PbAccount) account = g_list_model_get_item (accounts, i);
      PbCompareSide *side = g_new0 (PbCompareSide, 1);

      side->title = g_strdup (pb_account_get_name (account));
      side->cache_id = g_strdup (pb_account_get_id (account));
      side->base_url = g_strdup (pb_account_get_base_url (account));
      side->production = pb_account_get_production (account);
      /* A client of its own: the account gives it its token, as to the window's. */
      side->client = pb_client_new (pb_account_get_base_url (account));
      pb_client_set_token_source (side->client, PB_TOKEN_SOURCE (account));
      g_ptr_array_add (sides, side);
    }
}

void
_pb_compare_window_add_sides (GPtrArray     *sides,
                              PbApplication *application)
{
  if (pb_application_get_demo (application))
    {
      add_demo_side (sides, application, PB_DEMO_DATA_SET_STAGING, _("Demo Staging"));
      add_demo_side (sides, application, PB_DEMO_DATA_SET_PRODUCTION, _("Demo Production"));
    }
  else
    add_account_sides (sides, application);
}

/* The pickers offer the sides: the accounts, then any file imported (only as the source). */
void
_pb_compare_window_update_pickers (PbCompareWindow *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) target_titles = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->sides->len; i++)
    {
      PbCompareSide *side = g_ptr_array_index (self->sides, i);

      gtk_string_list_append (titles, side->title);
      /* A file is never written to. */
      if (side->connections == NULL)
        gtk_string_list_append (target_titles, side->title);
    }
  self->picking = TRUE;
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (target_titles));
  gtk_drop_down_set_selected (self->source_dropdown, self->source_index);
  gtk_drop_down_set_selected (self->target_dropdown, self->target_index);
  self->picking = FALSE;
  /* Nothing to pick from: no pickers. */
  gtk_widget_set_visible (self->pickers_bar, self->sides->len >= 2);
  gtk_widget_set_visible (self->pickers_separator, self->sides->len >= 2);
  gtk_widget_set_visible (self->refresh_button, self->sides->len >= 2);
}
