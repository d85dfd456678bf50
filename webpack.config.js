// Builds the task pane (dist/taskpane.html + scripts), copies the icons and the manifest, the
// latter with the dev URL replaced by the production one. In the spirit of Microsoft's
// Office-Addin-TaskPane-React template; certificates are needed only by `npm run dev-server`.
const path = require("node:path");
const zlib = require("node:zlib");
const fs = require("node:fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const { DEFAULT_URL, productionBaseUrl, productionManifest } = require("./scripts/manifest-url");
/** Budget for the scripts taskpane.html loads before the pane shows (gzip). */
const INITIAL_GZIP_BUDGET = 350 * 1024;

async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    const httpsOptions = await devCerts.getHttpsServerOptions();
    return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
  } catch (e) {
    // Installing the developer CA needs Windows, macOS or sudo. The certificates are made before
    // that step: serve with them, and say how to trust the CA by hand.
    const dir = path.join(require("node:os").homedir(), ".office-addin-dev-certs");
    const read = (f) => fs.readFileSync(path.join(dir, f));
    if (!fs.existsSync(path.join(dir, "localhost.crt"))) throw e;
    console.warn(
      `The developer CA could not be installed (${String(e.message || e).split("\n")[0]}).\n` +
        `Serving with the certificates in ${dir}; make your browser or system trust ${path.join(dir, "ca.crt")} to load the add-in.`,
    );
    return { ca: read("ca.crt"), key: read("localhost.key"), cert: read("localhost.crt") };
  }
}

/** Prints the gzip size of every script of the initial load, and fails a production build over budget. */
class InitialSizeReport {
  constructor(entry, budget) {
    this.entry = entry;
    this.budget = budget;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap("InitialSizeReport", (compilation) => {
      const entry = compilation.entrypoints.get(this.entry);
      if (!entry) return;
      const files = entry.getFiles().filter((f) => f.endsWith(".js"));
      let total = 0;
      const lines = [];
      for (const file of files) {
        const full = path.join(compilation.outputOptions.path, file);
        if (!fs.existsSync(full)) continue;
        const data = fs.readFileSync(full);
        const gz = zlib.gzipSync(data, { level: 9 }).length;
        total += gz;
        lines.push(`  ${file}: ${(data.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip`);
      }
      // The budget is for what users load: the production build. A development build is unminified.
      const verdict =
        compiler.options.mode !== "production"
          ? `development build, unminified; the ${this.budget / 1024} KB budget applies to npm run build`
          : total <= this.budget
            ? `within the ${this.budget / 1024} KB budget`
            : `OVER the ${this.budget / 1024} KB budget`;
      console.log(
        `Initial scripts of ${this.entry}.html:\n${lines.join("\n")}\n  total ${(total / 1024).toFixed(1)} KB gzip (${verdict})`,
      );
      if (total > this.budget && compiler.options.mode === "production") {
        console.error(`The initial scripts are ${(total / 1024).toFixed(1)} KB gzip, over the ${this.budget / 1024} KB budget.`);
        process.exitCode = 1;
      }
    });
  }
}

module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  // The address dist/manifest.xml points Excel at: checked (https, one trailing slash) and said.
  const urlProd = dev ? undefined : productionBaseUrl(process.env.DTI_SCORER_URL);
  if (!dev) {
    const placeholder = !(process.env.DTI_SCORER_URL || "").trim();
    console.log(`dist/manifest.xml points at ${urlProd}${placeholder ? ` (the placeholder ${DEFAULT_URL}: set DTI_SCORER_URL to the https address the pane is served from)` : ""}`);
  }
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
      // ExcelJS's browser build and the xlsx host must not pull Node's built-ins into the pane.
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: dev } },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: "async",
        cacheGroups: {
          // Keep ExcelJS (and what only it uses) in its own on-demand chunk.
          exceljs: { test: /[\\/]node_modules[\\/](exceljs|jszip)[\\/]/, name: "exceljs", chunks: "async", priority: 20, enforce: true },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : productionManifest(content.toString(), urlProd);
            },
          },
        ],
      }),
      new InitialSizeReport("taskpane", INITIAL_GZIP_BUDGET),
    ],
    devServer: {
      static: { directory: path.join(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? { type: "https", options: options.https !== undefined ? options.https : await getHttpsOptions() } : undefined,
      port: process.env.npm_package_config_dev_server_port || 3000,
    },
  };
};
