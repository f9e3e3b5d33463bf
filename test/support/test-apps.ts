/**
 * The services' Nest applications for tests that run several services in one process. Specs of one
 * service reach another through here (test support), never by importing its internal folders.
 */
export { createRegistryApp } from '../../services/registry/create-registry-app.js';
