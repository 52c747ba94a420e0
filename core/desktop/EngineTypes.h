#pragma once

// The engine's and the DigitalOcean API's types that the desktop UI names, under desktop::
// names: ui/ includes core/desktop (and model/, common/) only, so the UI's dependency on the
// engine runs through this one file (scripts/check-layers.sh enforces it). They are aliases,
// not copies: a value from the worker is the engine's own.
#include "api/ApiTypes.h"
#include "backup/BackupWriter.h"
#include "backup/Restore.h"
#include "crypto/TokenMask.h"
#include "engine/AccountSelector.h"
#include "engine/AlertEvaluator.h"
#include "engine/CatalogService.h"
#include "engine/EngineContext.h"
#include "engine/Provisioner.h"
#include "engine/SyncService.h"
#include "store/DatabaseUrl.h"

namespace dopool::desktop {

// GET /v2/account and the droplet list (the Add/Edit dialogs' Verify, the detail view).
using AccountInfo = api::AccountInfo;
using Droplet = api::Droplet;
using DropletPage = api::DropletPage;

// The Provision dialog: the catalogue, the selection preview, the request and its outcome.
using Region = api::Region;
using Size = api::Size;
using Image = api::Image;
using Catalog = engine::Catalog;
using Selection = engine::Selection;
using ProvisionRequest = engine::ProvisionRequest;
using ProvisionOutcome = engine::ProvisionOutcome;
using engine::memoryText;
using engine::priceText;
using engine::sizeOfferedIn;

// Settings: the engine's settings and the selection policy's names.
using EngineSettings = engine::EngineSettings;
using SelectionPolicy = engine::SelectionPolicy;
using engine::selectionPolicyFromName;
using engine::selectionPolicyName;

// Pool -> Back Up... and the welcome panel's Restore... (BackupController).
using BackupSummary = backup::BackupSummary;
using RestoreSummary = backup::RestoreSummary;

// Sync / Check health, and the alerts the tray announces.
using SyncMode = engine::SyncService::Mode;
using AlertChange = engine::AlertChange;

} // namespace dopool::desktop
