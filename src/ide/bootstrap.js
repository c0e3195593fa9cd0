// The IDE page's own code, served as a file so the page's Content-Security-Policy needs no inline script.
// GraphiQL, React and the explorer plugin are globals set by the UMD scripts the page loads before this one.
/* global React, ReactDOM, GraphiQL, GraphiQLPluginExplorer */
(async function start() {
  const root = document.getElementById('graphiql');
  const examples = await fetch('/ide/examples.json').then((r) => r.json());
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  const plugins = typeof GraphiQLPluginExplorer === 'undefined' ? [] : [GraphiQLPluginExplorer.explorerPlugin()];
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher,
      plugins,
      defaultTabs: examples,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
})();
