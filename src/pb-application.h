/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-account-store.h"
#include "pb-client.h"
#include "pb-demo-server.h"

G_BEGIN_DECLS

#define PB_TYPE_APPLICATION (pb_application_get_type ())
G_DECLARE_FINAL_TYPE (PbApplication, pb_application, PB, APPLICATION, AdwApplication)

PbApplication *pb_application_new          (void);
/* The client of the data source the windows show (the demo server or the active account),
 * or NULL when there is none yet. Windows follow notify::client. */
PbClient      *pb_application_get_client   (PbApplication *self);
/* A short name of where the data comes from ("Demo data", the account's host), or NULL. */
const char    *pb_application_get_source_title (PbApplication *self);
gboolean       pb_application_get_demo     (PbApplication *self);
/* The id of the account shown (for its offline copy), or NULL (the demo data). */
const char    *pb_application_get_source_id (PbApplication *self);
/* The saved accounts (created at startup). */
PbAccountStore *pb_application_get_accounts       (PbApplication *self);
/* Whether the accounts are being read from the keyring. */
gboolean        pb_application_get_accounts_loading (PbApplication *self);
/* Why the accounts could not be read (a locked or missing keyring), or NULL. */
const GError   *pb_application_get_accounts_error (PbApplication *self);
/* Serves the built-in demo data set from an in-process server and shows it. */
gboolean       pb_application_start_demo   (PbApplication *self,
                                            GError       **error);
/* In demo mode, the in-process server of a demo data set (pb-demo-server.h), for "Compare
 * Accounts…": STAGING is the one the windows show; PRODUCTION is a second server, started
 * when first asked for. Outside demo mode, or when it cannot start: NULL with an error. */
PbDemoServer  *pb_application_get_demo_server (PbApplication  *self,
                                               PbDemoDataSet   data_set,
                                               GError        **error);
/* The id a demo data set's offline copy and history are kept under, as an account's ("demo"
 * for the one the windows show); each demo starts with their history cleared. */
const char    *pb_application_get_demo_source_id (PbDemoDataSet data_set);

G_END_DECLS
